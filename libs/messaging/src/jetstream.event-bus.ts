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
  /** One per subscription: stops pulling, then settles when the handler in flight has finished. */
  private readonly stops: (() => Promise<void>)[] = [];
  private readonly stopped = new Set<string>();
  private closing = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly retry: RetryPolicy,
    private readonly deadLetter: DeadLetterSink,
    private readonly metrics?: WeftMetrics,
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

  async subscribe(s: Subscription): Promise<void> {
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
    const messages = await consumer.consume({ max_messages: 64 });
    const loop = (async () => {
      for await (const m of messages) {
        try {
          await this.handle(s, m);
        } catch (e) {
          this.logger.error({ err: e }, `consumer ${durable} could not settle ${m.subject}: redelivered later`);
          m.nak(this.retry.baseDelayMs * 10);
        }
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
