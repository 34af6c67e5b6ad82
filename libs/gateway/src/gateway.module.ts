import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { getRepositoryToken } from '@nestjs/typeorm';
import { ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import type Redis from 'ioredis';
import { Repository } from 'typeorm';
import { WeftConfig } from '@weft/config';
import { UnitOfWork } from '@weft/persistence';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { ServiceJwksController } from './auth/jwks.controller';
import { ACCESS_TOKEN_VERIFIER, JwtVerifier } from './auth/jwt.verifier';
import { ServiceTokenSigner } from './auth/service-token.signer';
import { ServiceTokenVerifier } from './auth/service-token.verifier';
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
import { FailoverThrottlerStorage } from './throttling/failover-throttler.storage';
import { MemoryThrottlerStorage } from './throttling/memory-throttler.storage';
import {
  AUTH_FAILURE_LIMITER,
  AuthFailureBudget,
  FailoverAuthFailureLimiter,
  MemoryAuthFailureLimiter,
  RedisAuthFailureLimiter,
} from './throttling/auth-failure.limiter';
import { AUTH_FAILURE_BUDGET, UnauthenticatedLimitGuard } from './throttling/unauthenticated-limit.guard';

/**
 * The gateway policies. `forEdge()` is what channels meet at experience-api (channel JWT from the
 * retailer's IdP, throttling, idempotency, deprecation); `forService(layer)` is what process-api and
 * system-api use: service tokens only, addressed to that layer, from its allowed callers. Every layer
 * signs service tokens for the layer it calls and publishes their keys at /.well-known/jwks.json.
 * Both are global: a route opts out only by an explicit decorator.
 */
@Module({})
export class GatewayModule {
  /** Inner layers: service tokens addressed to `layer`, and the `service` throttling policy per calling service. */
  static forService(layer: 'process-api' | 'system-api'): DynamicModule {
    return {
      module: GatewayModule,
      global: true,
      controllers: [ServiceJwksController],
      imports: [throttling((config) => serviceThrottlerOptions(config))],
      providers: [
        ServiceTokenSigner,
        { provide: ServiceTokenVerifier, inject: [WeftConfig], useFactory: (c: WeftConfig) => new ServiceTokenVerifier(c, layer) },
        { provide: ACCESS_TOKEN_VERIFIER, useExisting: ServiceTokenVerifier },
        // Throttling first, so 401/403 answers carry the RateLimit fields too.
        { provide: APP_GUARD, useClass: EdgeThrottlerGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
      ],
      exports: [ServiceTokenVerifier, ServiceTokenSigner, ACCESS_TOKEN_VERIFIER],
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
      controllers: [ServiceJwksController],
      imports: [throttling((config) => throttlerOptions(edgeConfig(config), config.REDIS_KEY_PREFIX))],
      providers: [
        JwtVerifier,
        ServiceTokenSigner,
        { provide: ACCESS_TOKEN_VERIFIER, useExisting: JwtVerifier },
        {
          provide: AUTH_FAILURE_BUDGET,
          inject: [WeftConfig],
          useFactory: (config: WeftConfig): AuthFailureBudget => ({
            limit: edgeConfig(config).THROTTLE_UNAUTHENTICATED_LIMIT,
            windowSeconds: edgeConfig(config).THROTTLE_UNAUTHENTICATED_WINDOW_SECONDS,
          }),
        },
        {
          provide: AUTH_FAILURE_LIMITER,
          inject: [WeftConfig, REDIS_CONNECTION, AUTH_FAILURE_BUDGET],
          useFactory: (config: WeftConfig, redis: Redis | null, budget: AuthFailureBudget) =>
            redis
              ? new FailoverAuthFailureLimiter(
                  redis,
                  new RedisAuthFailureLimiter(redis, config.REDIS_KEY_PREFIX, budget),
                  new MemoryAuthFailureLimiter(budget),
                )
              : new MemoryAuthFailureLimiter(budget),
        },
        // An address with too many failed attempts costs no signature check; then throttling (so 401/403
        // answers carry the RateLimit fields), then the JWT check.
        { provide: APP_GUARD, useClass: UnauthenticatedLimitGuard },
        { provide: APP_GUARD, useClass: EdgeThrottlerGuard },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
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
      exports: [JwtVerifier, ServiceTokenSigner, ACCESS_TOKEN_VERIFIER, DeprecationRegistry, IDEMPOTENCY_STORE],
    };
  }
}

/**
 * Counters in Redis make N replicas share one limit (a per-process one while Redis is down, see
 * FailoverThrottlerStorage); the app's connection is reused, not owned.
 */
function throttling(options: (config: WeftConfig) => Extract<ThrottlerModuleOptions, { throttlers: unknown }>): DynamicModule {
  return ThrottlerModule.forRootAsync({
    inject: [WeftConfig, REDIS_CONNECTION],
    useFactory: (config: WeftConfig, redis: Redis | null) => ({
      ...options(config),
      storage: redis ? new FailoverThrottlerStorage(redis) : new MemoryThrottlerStorage(),
    }),
  });
}
