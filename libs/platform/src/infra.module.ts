import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { connect, NatsConnection } from 'nats';
import { WeftConfig } from '@weft/config';
import { REDIS_CONNECTION } from '@weft/gateway';
import { withinDeadline } from './shutdown';

/** The same token the gateway policies inject (Redis-backed throttling and idempotency). */
export const REDIS = REDIS_CONNECTION;
export const NATS = Symbol('NATS');

/** Redis and NATS are optional engines: null in the embedded default, connected when configured. */
@Injectable()
class InfraShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger('Infra');
  constructor(
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(NATS) private readonly nats: NatsConnection | null,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.nats && !this.nats.isClosed()) {
      // drain() waits on every subscription; bounded, then closed outright.
      const drained = await withinDeadline('NATS drain', this.nats.drain(), 5_000, this.logger);
      if (!drained) await this.nats.close().catch(() => undefined);
    }
    this.redis?.disconnect();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [WeftConfig],
      useFactory: async (config: WeftConfig) => {
        if (!config.REDIS_URL) return null;
        // A command Redis does not answer in time fails like a lost connection: the failovers take over instead of stalling requests.
        const redis = new Redis(config.REDIS_URL, {
          maxRetriesPerRequest: 2,
          enableOfflineQueue: true,
          lazyConnect: true,
          commandTimeout: 2_000,
        });
        await redis.connect();
        return redis;
      },
    },
    {
      provide: NATS,
      inject: [WeftConfig],
      useFactory: (config: WeftConfig) =>
        config.NATS_URL ? connect({ servers: config.NATS_URL.split(','), maxReconnectAttempts: -1 }) : null,
    },
    InfraShutdown,
  ],
  exports: [REDIS, NATS],
})
export class InfraModule {}
