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
import { EventBus, matches, PublishOptions, Subscription } from './event-bus.port';
import { DeadLetterSink, RetryPolicy } from './in-process.event-bus';

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
  ) {
    this.stream = `${prefix}_EVENTS`;
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
      await s.handler(event);
      m.ack();
    } catch (e) {
      const attempt = m.info.deliveryCount;
      if (attempt >= this.retry.maxDeliveries) {
        await this.deadLetter(s.consumer, event, e, attempt);
        m.term();
      } else {
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
