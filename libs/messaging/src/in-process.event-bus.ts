import { Logger } from '@nestjs/common';
import { CloudEvent } from '@weft/events';
import { inSpan, SpanKind, WeftMetrics } from '@weft/observability';
import { EventBus, matches, Subscription } from './event-bus.port';
import { outageDelayMs, waitsOutOutage } from './transient-failure';

/** The consumer continues the trace the event carries (CloudEvents distributed-tracing extension). */
export function consumeSpan(consumer: string, event: CloudEvent): Parameters<typeof inSpan>[1] {
  return {
    kind: SpanKind.CONSUMER,
    traceparent: event.traceparent,
    requestId: event.correlationid,
    attributes: { 'messaging.operation.type': 'process', 'messaging.consumer.group.name': consumer, 'messaging.message.id': event.id },
  };
}

export interface RetryPolicy {
  maxDeliveries: number;
  baseDelayMs: number;
  /** How long an event failing only because a system behind is down keeps being retried (default 24 h). */
  outageBudgetMs?: number;
}

export type DeadLetterSink = (consumer: string, event: CloudEvent, error: unknown, attempts: number) => Promise<void>;

/**
 * The embedded bus: publish resolves only when every subscriber has handled the event (or it was
 * dead-lettered), so the outbox row stays unpublished, and is redelivered, if the process dies first.
 */
export class InProcessEventBus implements EventBus {
  private readonly logger = new Logger('InProcessEventBus');
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly retry: RetryPolicy,
    private readonly deadLetter: DeadLetterSink,
    private readonly metrics?: WeftMetrics,
  ) {}

  /** False on a WEFT_ROLE=serve replica: it publishes, the background replicas consume. */
  consumes = true;

  async subscribe(subscription: Subscription): Promise<void> {
    if (!this.consumes) return;
    this.subscriptions.push(subscription);
  }

  async publish(event: CloudEvent): Promise<void> {
    await Promise.all(this.subscriptions.filter((s) => matches(s.types, event.type)).map((s) => this.deliver(s, event)));
  }

  /** A dead-letter write that fails (the database is down) is retried with capped backoff, never dropped. */
  private async keepTrying(work: () => Promise<void>, what: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (e) {
        this.logger.warn(`${what} failed (attempt ${attempt}), retrying: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(5_000, this.retry.baseDelayMs * 2 ** Math.min(attempt, 10))));
      }
    }
  }

  private async deliver(s: Subscription, event: CloudEvent): Promise<void> {
    for (let attempt = 1, waited = 0; ; attempt++) {
      try {
        await inSpan(`process ${event.type}`, consumeSpan(s.consumer, event), () => s.handler(event));
        return;
      } catch (e) {
        if (waitsOutOutage(e, event.time, this.retry.outageBudgetMs)) {
          // Not counted towards the dead-letter limit: the outage is not the event's fault.
          attempt--;
          this.metrics?.retries.inc({ component: 'consumer', target: s.consumer });
          this.logger.warn(`${s.consumer} waits out an outage on ${event.type} ${event.id}: ${(e as Error).message}`);
          await new Promise((r) => setTimeout(r, outageDelayMs(this.retry.baseDelayMs, ++waited)));
          continue;
        }
        if (attempt >= this.retry.maxDeliveries) {
          await this.keepTrying(() => this.deadLetter(s.consumer, event, e, attempt), `dead-lettering ${event.id} for ${s.consumer}`);
          return;
        }
        this.metrics?.retries.inc({ component: 'consumer', target: s.consumer });
        this.logger.warn(`${s.consumer} failed on ${event.type} ${event.id} (attempt ${attempt}): ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, this.retry.baseDelayMs * 2 ** (attempt - 1)));
      }
    }
  }
}
