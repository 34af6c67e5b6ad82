import { DynamicModule, Module, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { getRepositoryToken } from '@nestjs/typeorm';
import { ThrottlerModule, ThrottlerModuleOptions, ThrottlerStorageService } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type Redis from 'ioredis';
import { Repository } from 'typeorm';
import { WeftConfig } from '@weft/config';
import { UnitOfWork } from '@weft/persistence';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { JwtVerifier } from './auth/jwt.verifier';
import { ServiceTokenSigner } from './auth/service-token.signer';
import { DeprecationInterceptor } from './deprecation/deprecation.interceptor';
import { DeprecationRegistry } from './deprecation/deprecation.registry';
import { edgeConfig } from './edge.config';
import { DbIdempotencyStore } from './idempotency/db-idempotency.store';
import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency/idempotency.store';
import { RedisIdempotencyStore } from './idempotency/redis-idempotency.store';
import { REDIS_CONNECTION } from './redis.token';
import { serviceThrottlerOptions, throttlerOptions } from './throttling/rate-limit-policies';
import { EdgeThrottlerGuard } from './throttling/edge-throttler.guard';

/**
 * The gateway policies. `forEdge()` is what channels meet at experience-api (JWT, throttling,
 * idempotency, deprecation); `forService()` is the JWT check with service scopes the inner layers use.
 * Both are global: a route opts out only by an explicit decorator.
 */
@Module({})
export class GatewayModule {
  /** Inner layers: the JWT check with service scopes, and the `service` throttling policy per calling service. */
  static forService(): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [throttling((config) => serviceThrottlerOptions(config))],
      providers: guards(),
      exports: [JwtVerifier, ServiceTokenSigner],
    };
  }

  /**
   * Needs InfraModule (REDIS) and PersistenceModule with GATEWAY_ENTITIES. Guards run in the order given:
   * throttling, then JWT (see guards()). Interceptors: deprecation outermost, so replays and
   * errors carry its headers too.
   */
  static forEdge(): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      imports: [throttling((config) => throttlerOptions(edgeConfig(config), config.REDIS_KEY_PREFIX))],
      providers: [
        ...guards(),
        {
          provide: DeprecationRegistry,
          inject: [WeftConfig],
          useFactory: (config: WeftConfig) => DeprecationRegistry.fromJson(edgeConfig(config).DEPRECATIONS),
        },
        {
          provide: IDEMPOTENCY_STORE,
          inject: [WeftConfig, REDIS_CONNECTION, getRepositoryToken(IdempotencyRecordEntity), UnitOfWork],
          useFactory: (
            config: WeftConfig,
            redis: Redis | null,
            repo: Repository<IdempotencyRecordEntity>,
            uow: UnitOfWork,
          ): IdempotencyStore => (redis ? new RedisIdempotencyStore(redis, config.REDIS_KEY_PREFIX) : new DbIdempotencyStore(repo, uow)),
        },
        { provide: APP_INTERCEPTOR, useClass: DeprecationInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [JwtVerifier, ServiceTokenSigner, DeprecationRegistry, IDEMPOTENCY_STORE],
    };
  }
}

/** Throttling first, so 401/403 answers carry the RateLimit fields too; it keys on the verified caller all the same. */
function guards(): Provider[] {
  return [
    JwtVerifier,
    ServiceTokenSigner,
    { provide: APP_GUARD, useClass: EdgeThrottlerGuard },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ];
}

/** Counters in Redis make N replicas share one limit; the app's connection is reused, not owned. */
function throttling(options: (config: WeftConfig) => Extract<ThrottlerModuleOptions, { throttlers: unknown }>): DynamicModule {
  return ThrottlerModule.forRootAsync({
    inject: [WeftConfig, REDIS_CONNECTION],
    useFactory: (config: WeftConfig, redis: Redis | null) => ({
      ...options(config),
      storage: redis ? new ThrottlerStorageRedisService(redis) : new ThrottlerStorageService(),
    }),
  });
}
