import {
  BeforeApplicationShutdown,
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationBootstrap,
  Provider,
} from '@nestjs/common';
import { Events, NatsConnection } from 'nats';
import { WeftConfig } from '@weft/config';
import { WeftMetrics } from '@weft/observability';
import { CONSUMER_HEALTH, ConsumerHealth, NATS } from '@weft/platform';
import { ConsumerRunner } from './consumer.runner';
import { DeadLetter } from './dead-letter.entity';
import { ConsumerReplayRegistry } from './consumer-replay';
import { EVENT_BUS, EVENT_PUBLISHER, EventBus, EventPublisher } from './event-bus.port';
import { InProcessEventBus, RetryPolicy } from './in-process.event-bus';
import { JetStreamEventBus } from './jetstream.event-bus';
import { OutboxRecord } from './outbox.entity';
import { OutboxRelay } from './outbox.relay';
import { OutboxSignal } from './outbox.signal';
import { OutboxWriter } from './outbox.writer';
import { ProcessedEvent } from './processed-event.entity';

export const MESSAGING_ENTITIES = [OutboxRecord, ProcessedEvent, DeadLetter];

export interface MessagingOptions {
  /** Where relayed events go. 'bus': NATS JetStream when NATS_URL is set, else in-process. */
  publisher: 'bus' | { useFactory: (...deps: never[]) => EventPublisher; inject: (string | symbol | (new (...a: never[]) => unknown))[] };
  retry?: RetryPolicy;
}

/**
 * Consumers stop, and their handlers in flight finish, before the application-shutdown phase closes
 * the database pool and drains NATS: a handler left running there holds a pooled client forever.
 */
@Injectable()
class BusShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(EVENT_BUS) private readonly bus: EventBus | null) {}
  async beforeApplicationShutdown(): Promise<void> {
    if (this.bus instanceof JetStreamEventBus) await this.bus.close();
  }
}

/** When NATS comes back, the relay drains the outbox at once instead of waiting out its outage backoff. */
@Injectable()
class ResumeOnReconnect implements OnApplicationBootstrap {
  constructor(
    @Inject(NATS) private readonly nats: NatsConnection | null,
    @Inject(EVENT_BUS) private readonly bus: EventBus | null,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.nats || !(this.bus instanceof JetStreamEventBus)) return;
    const nats = this.nats;
    void (async () => {
      for await (const status of nats.status()) if (status.type === Events.Reconnect) this.relay.resume();
    })().catch(() => undefined);
  }
}

@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    const retry = options.retry ?? { maxDeliveries: 5, baseDelayMs: 200 };
    const bus: Provider = {
      provide: EVENT_BUS,
      inject: [WeftConfig, NATS, ConsumerRunner, WeftMetrics],
      useFactory: async (config: WeftConfig, nats: NatsConnection | null, runner: ConsumerRunner, metrics: WeftMetrics) => {
        if (options.publisher !== 'bus') return null;
        const dl = (c: string, e: Parameters<ConsumerRunner['deadLetter']>[1], err: unknown, n: number) => runner.deadLetter(c, e, err, n);
        if (!nats) {
          const local = new InProcessEventBus(retry, dl, metrics);
          local.consumes = config.runsBackgroundWork;
          return local;
        }
        const js = new JetStreamEventBus(nats, config.NATS_PREFIX, retry, dl, metrics, config.CONSUMER_CONCURRENCY);
        js.consumes = config.runsBackgroundWork;
        await js.init();
        return js;
      },
    };
    const publisher: Provider =
      options.publisher === 'bus'
        ? { provide: EVENT_PUBLISHER, useExisting: EVENT_BUS }
        : { provide: EVENT_PUBLISHER, useFactory: options.publisher.useFactory, inject: options.publisher.inject };
    const consumerHealth: Provider = {
      provide: CONSUMER_HEALTH,
      inject: [EVENT_BUS],
      useFactory: (b: EventBus | null): ConsumerHealth => ({
        stoppedConsumers: () => (b instanceof JetStreamEventBus ? b.stoppedConsumers() : []),
      }),
    };
    return {
      module: MessagingModule,
      providers: [
        OutboxSignal,
        OutboxWriter,
        OutboxRelay,
        ConsumerRunner,
        ConsumerReplayRegistry,
        bus,
        publisher,
        BusShutdown,
        ResumeOnReconnect,
        consumerHealth,
      ],
      exports: [OutboxWriter, OutboxRelay, ConsumerRunner, ConsumerReplayRegistry, EVENT_BUS, EVENT_PUBLISHER, CONSUMER_HEALTH],
    };
  }
}
