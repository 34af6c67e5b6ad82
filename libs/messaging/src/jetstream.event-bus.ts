import { Logger } from '@nestjs/common';
import { withinDeadline } from '@weft/platform';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamClient,
  JetStreamManager,
  JsMsg,
  nanos,
  NatsConnection,
  RetentionPolicy,
  StorageType,
} from 'nats';
import { randomUUID } from 'node:crypto';
import { CloudEvent } from '@weft/events';
import { inSpan, WeftMetrics } from '@weft/observability';
import { ReplayableConsumer, ReplayOutcome, ReplayRun } from './consumer-replay';
import { EventBus, matches, PublishOptions, Subscription } from './event-bus.port';
import { consumeSpan, DeadLetterSink, RetryPolicy } from './in-process.event-bus';
import { outageDelayMs, waitsOutOutage } from './transient-failure';

/**
 * NATS JetStream: one stream per deployment prefix, one durable pull consumer per subscriber.
 * Publishing sets Nats-Msg-Id to the event id, so a relay re-publish inside the duplicate window is
 * dropped by the server (an operator's replay gets a fresh id, so it is not); failed handlers are
 * redelivered with backoff and dead-lettered at the limit. A consumer outlives a database outage: a
 * dead letter that cannot be written is redelivered later instead of stopping the consumer.
 */
export class JetStreamEventBus implements EventBus {
  private readonly logger = new Logger('JetStreamEventBus');
  private readonly stream: string;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  /** One per subscription: stops pulling, then settles when the handlers in flight have finished. */
  private readonly stops: (() => Promise<void>)[] = [];
  private readonly stopped = new Set<string>();
  private closing = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly retry: RetryPolicy,
    private readonly deadLetter: DeadLetterSink,
    private readonly metrics?: WeftMetrics,
    private readonly concurrency = 1,
  ) {
    this.stream = `${prefix}_EVENTS`;
    metrics?.gauge(
      'weft_messaging_consumer_pending_messages',
      'JetStream messages not yet delivered to each durable consumer.',
      ['consumer'],
      async () => (await this.consumerInfo()).map((c) => ({ labels: { consumer: c.consumer }, value: c.pending })),
    );
    metrics?.gauge(
      'weft_messaging_consumer_ack_pending_messages',
      'JetStream messages delivered but not yet acknowledged, per consumer.',
      ['consumer'],
      async () => (await this.consumerInfo()).map((c) => ({ labels: { consumer: c.consumer }, value: c.ackPending })),
    );
  }

  private readonly durables = new Set<string>();

  /** num_pending and num_ack_pending of this app's durables, read from the server at scrape time. */
  async consumerInfo(): Promise<{ consumer: string; pending: number; ackPending: number }[]> {
    if (!this.jsm || this.nc.isClosed()) return [];
    const out: { consumer: string; pending: number; ackPending: number }[] = [];
    for (const durable of this.durables) {
      const info = await this.jsm.consumers.info(this.stream, durable).catch(() => undefined);
      if (info) out.push({ consumer: durable, pending: info.num_pending, ackPending: info.num_ack_pending });
    }
    return out;
  }

  subject(type: string): string {
    return `${this.prefix}.events.${type}`;
  }

  async init(): Promise<void> {
    this.jsm = await this.nc.jetstreamManager();
    this.js = this.nc.jetstream();
    const config = {
      name: this.stream,
      subjects: [`${this.prefix}.events.>`],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(7 * 24 * 3600 * 1000),
      duplicate_window: nanos(120_000),
    };
    try {
      await this.jsm.streams.info(this.stream);
    } catch {
      await this.jsm.streams.add(config);
    }
  }

  async publish(event: CloudEvent, options: PublishOptions = {}): Promise<void> {
    if (!this.js) await this.init();
    const msgID = options.replay ? `${event.id}:replay:${randomUUID()}` : event.id;
    await this.js!.publish(this.subject(event.type), JSON.stringify(event), { msgID });
  }

  /** Durable consumers whose message loop ended while the bus was not closing: readiness reports them. */
  stoppedConsumers(): string[] {
    return [...this.stopped];
  }

  /** False on a WEFT_ROLE=serve replica: it publishes, the background replicas consume. */
  consumes = true;

  async subscribe(s: Subscription): Promise<void> {
    if (!this.consumes) return;
    if (!this.jsm) await this.init();
    const durable = s.consumer.replace(/[^A-Za-z0-9_-]/g, '_');
    // NATS 2.9 has one filter subject per consumer: a single type is filtered by the server, several here.
    const filter = { filter_subject: s.types !== '*' && s.types.length === 1 ? this.subject(s.types[0]) : `${this.prefix}.events.>` };
    try {
      await this.jsm!.consumers.info(this.stream, durable);
    } catch {
      await this.jsm!.consumers.add(this.stream, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        ack_wait: nanos(30_000),
        // Unlimited at the server: this side dead-letters at maxDeliveries, and must be able to retry a failed dead-letter write.
        max_deliver: -1,
        ...filter,
      });
    }
    this.durables.add(durable);
    const consumer = await this.js!.consumers.get(this.stream, durable);
    const messages = await consumer.consume({ max_messages: Math.max(64, this.concurrency * 2) });
    const settle = async (m: JsMsg): Promise<void> => {
      try {
        await this.handle(s, m);
      } catch (e) {
        this.logger.error({ err: e }, `consumer ${durable} could not settle ${m.subject}: redelivered later`);
        m.nak(this.retry.baseDelayMs * 10);
      }
    };
    const loop = (async () => {
      // Up to `concurrency` handlers in flight; the pull waits while all are busy, and a stop waits for all.
      const inFlight = new Set<Promise<void>>();
      try {
        for await (const m of messages) {
          const p: Promise<void> = settle(m).finally(() => inFlight.delete(p));
          inFlight.add(p);
          if (inFlight.size >= this.concurrency) await Promise.race(inFlight);
        }
      } finally {
        await Promise.all(inFlight);
      }
    })()
      .catch((e: unknown) => this.logger.error({ err: e }, `consumer ${durable} stopped`))
      .finally(() => {
        if (!this.closing) this.stopped.add(durable);
      });
    this.stops.push(async () => {
      await messages.close();
      await loop;
    });
  }

  /**
   * Re-runs a consumer from a point in time on a consumer of its own (`<durable>_replay_<id>`, deliver
   * policy by start time), so the live durable keeps its position. The replay is bounded by what was in
   * the stream when it began (num_pending then); the server drops the consumer if this process dies
   * (inactive threshold) and it is deleted when done. See ReplayableConsumer for why effects stay idempotent.
   */
  async replayFrom(c: ReplayableConsumer, from: Date): Promise<ReplayRun> {
    if (!this.jsm) await this.init();
    const name = `${c.consumer.replace(/[^A-Za-z0-9_-]/g, '_')}_replay_${randomUUID().slice(0, 8)}`;
    const info = await this.jsm!.consumers.add(this.stream, {
      name,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: from.toISOString(),
      filter_subject: this.subject(c.type),
      ack_wait: nanos(30_000),
      max_deliver: -1,
      inactive_threshold: nanos(300_000),
    });
    const pending = info.num_pending;
    const done = this.runReplay(name, c, pending).finally(() => this.jsm!.consumers.delete(this.stream, name).catch(() => false));
    // A replay ends on its own; a failure is reported through `done` and must not surface as an unhandled rejection.
    done.catch((e: unknown) => this.logger.error({ err: e }, `replay ${name} stopped`));
    return { replayId: name, pending, done };
  }

  private async runReplay(name: string, c: ReplayableConsumer, pending: number): Promise<ReplayOutcome> {
    const outcome: ReplayOutcome = { delivered: 0, failed: 0 };
    if (pending === 0) return outcome;
    const messages = await (await this.js!.consumers.get(this.stream, name)).consume({ max_messages: 64 });
    let closing: Promise<void | Error> | undefined;
    const stop = async () => void (await (closing ??= messages.close()));
    this.stops.push(stop);
    try {
      // Closing the messages ends the loop (breaking out of it instead leaves the pull open).
      for await (const m of messages) {
        const settled = await this.replayOne(c, m);
        if (settled === 'failed') outcome.failed++;
        if (settled !== 'retry') outcome.delivered++;
        if (outcome.delivered >= pending) closing ??= messages.close();
      }
    } finally {
      this.stops.splice(this.stops.indexOf(stop), 1);
    }
    this.logger.log(`replay ${name}: ${outcome.delivered} event(s) re-applied for ${c.consumer}, ${outcome.failed} failed`);
    return outcome;
  }

  private async replayOne(c: ReplayableConsumer, m: JsMsg): Promise<'applied' | 'failed' | 'retry'> {
    try {
      await c.reapply(JSON.parse(m.string()) as CloudEvent);
      m.ack();
      return 'applied';
    } catch (e) {
      const attempt = m.info.deliveryCount;
      if (attempt < this.retry.maxDeliveries) {
        m.nak(this.retry.baseDelayMs * 2 ** (attempt - 1));
        return 'retry';
      }
      // The live consumer applied (or dead-lettered) this event already; a replay that cannot re-apply it only says so.
      this.logger.error(`replay for ${c.consumer} gave up on ${m.subject} (stream seq ${m.seq}): ${(e as Error).message}`);
      m.term();
      return 'failed';
    }
  }

  private async handle(s: Subscription, m: JsMsg): Promise<void> {
    let event: CloudEvent;
    try {
      event = JSON.parse(m.string()) as CloudEvent;
    } catch (e) {
      this.logger.error(`unparseable message on ${m.subject}: ${(e as Error).message}`);
      m.term();
      return;
    }
    if (!matches(s.types, event.type)) {
      m.ack();
      return;
    }
    try {
      await inSpan(`process ${event.type}`, consumeSpan(s.consumer, event), () => s.handler(event));
      m.ack();
    } catch (e) {
      const attempt = m.info.deliveryCount;
      if (waitsOutOutage(e, event.time, this.retry.outageBudgetMs)) {
        this.metrics?.retries.inc({ component: 'consumer', target: s.consumer });
        this.logger.warn(`${s.consumer} waits out an outage on ${event.type} ${event.id} (delivery ${attempt}): ${(e as Error).message}`);
        m.nak(outageDelayMs(this.retry.baseDelayMs, attempt));
      } else if (attempt >= this.retry.maxDeliveries) {
        await this.deadLetter(s.consumer, event, e, attempt);
        m.term();
      } else {
        this.metrics?.retries.inc({ component: 'consumer', target: s.consumer });
        this.logger.warn(`${s.consumer} failed on ${event.type} ${event.id} (delivery ${attempt}): ${(e as Error).message}`);
        m.nak(this.retry.baseDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  /** Stops every consumer and waits (at most `timeoutMs`) for the handlers in flight, before pools close. */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closing = true;
    const stops = this.stops.splice(0);
    await withinDeadline('JetStream consumers', Promise.all(stops.map((stop) => stop())), timeoutMs, this.logger);
  }
}
