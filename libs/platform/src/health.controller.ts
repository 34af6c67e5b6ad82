import { Controller, Get, HttpStatus, Inject, Optional, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheckError, HealthCheckResult, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { NatsConnection } from 'nats';
import { Public } from '@weft/gateway';
import { NATS, REDIS } from './infra.module';

/** Provided by the messaging module: event consumers whose loop has stopped (they no longer process events). */
export const CONSUMER_HEALTH = Symbol('CONSUMER_HEALTH');

export interface ConsumerHealth {
  stoppedConsumers(): string[];
}

/** Liveness says the process runs; readiness says every engine it is configured with answers. */
@ApiExcludeController()
@Public()
// Health is never throttled: probes must answer even when a client is over its limit.
@SkipThrottle()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(NATS) private readonly nats: NatsConnection | null,
    @Optional() @Inject(CONSUMER_HEALTH) private readonly consumers: ConsumerHealth | null = null,
  ) {}

  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
        ...(this.redis ? [() => this.redisCheck(this.redis!)] : []),
        ...(this.nats ? [() => this.natsCheck(this.nats!)] : []),
        ...(this.consumers ? [() => this.consumerCheck(this.consumers!)] : []),
      ]);
    } catch (e) {
      const result = (e as { response?: HealthCheckResult }).response;
      if (!result) throw e;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return result;
    }
  }

  private async redisCheck(redis: Redis): Promise<HealthIndicatorResult> {
    const pong = await redis.ping().catch(() => 'unreachable');
    if (pong !== 'PONG') throw new HealthCheckError('redis', { redis: { status: 'down' } });
    return { redis: { status: 'up' } };
  }

  private async consumerCheck(consumers: ConsumerHealth): Promise<HealthIndicatorResult> {
    const stopped = consumers.stoppedConsumers();
    if (stopped.length > 0) throw new HealthCheckError('consumers', { consumers: { status: 'down', stopped } });
    return { consumers: { status: 'up' } };
  }

  private async natsCheck(nats: NatsConnection): Promise<HealthIndicatorResult> {
    if (nats.isClosed()) throw new HealthCheckError('nats', { nats: { status: 'down' } });
    await nats.flush();
    return { nats: { status: 'up', server: nats.info?.server_id } };
  }
}
