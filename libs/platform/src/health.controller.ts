import { Controller, Get, HttpStatus, Inject, Optional, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheckError, HealthCheckResult, HealthCheckService, HealthIndicatorResult, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { NatsConnection } from 'nats';
import { Public, redisReady } from '@weft/gateway';
import { NATS, REDIS } from './infra.module';

/** Provided by the messaging module: event consumers whose loop has stopped (they no longer process events). */
export const CONSUMER_HEALTH = Symbol('CONSUMER_HEALTH');

export interface ConsumerHealth {
  stoppedConsumers(): string[];
}

/**
 * Liveness says the process runs; readiness says the app can serve. The database is required; Redis and
 * NATS have degraded modes (README, "Degraded modes"), so an unreachable one is reported as `degraded` with its
 * impact while readiness stays green: taking every replica out of rotation would turn a degraded mode into an outage.
 */
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
    const [redis, nats] = await Promise.all([this.redis && this.redisCheck(this.redis), this.nats && this.natsCheck(this.nats)]);
    const engines = { ...redis, ...nats };
    let result: HealthCheckResult;
    try {
      result = await this.health.check([
        () => this.db.pingCheck('database', { timeout: 2000 }),
        ...(this.consumers ? [() => this.consumerCheck(this.consumers!)] : []),
      ]);
    } catch (e) {
      const failed = (e as { response?: HealthCheckResult }).response;
      if (!failed) throw e;
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      result = failed;
    }
    // Terminus knows only up and down (and fails on down); Redis and NATS are reported beside its checks.
    return { ...result, info: { ...result.info, ...engines }, details: { ...result.details, ...engines } };
  }

  private async redisCheck(redis: Redis): Promise<HealthIndicatorResult> {
    const pong = redisReady(redis) ? await redis.ping().catch(() => 'unreachable') : 'unreachable';
    if (pong !== 'PONG') return degraded('redis', REDIS_DOWN);
    return { redis: { status: 'up' } };
  }

  private async consumerCheck(consumers: ConsumerHealth): Promise<HealthIndicatorResult> {
    const stopped = consumers.stoppedConsumers();
    if (stopped.length > 0) throw new HealthCheckError('consumers', { consumers: { status: 'down', stopped } });
    return { consumers: { status: 'up' } };
  }

  private async natsCheck(nats: NatsConnection): Promise<HealthIndicatorResult> {
    // While NATS reconnects a flush waits for the server: bounded, so a probe answers in time.
    const flushed = !nats.isClosed() && (await withinMs(nats.flush(), NATS_PROBE_MS));
    if (!flushed) return degraded('nats', NATS_DOWN);
    return { nats: { status: 'up', server: nats.info?.server_id } };
  }
}

const NATS_PROBE_MS = 1000;
const REDIS_DOWN = 'throttling per process; Idempotency-Key requests answer 503';
const NATS_DOWN = 'events wait in the outbox; consumers resume on reconnect';

/** An engine with a degraded mode, unreachable: what that means for callers. Readiness stays green. */
function degraded(name: string, impact: string): HealthIndicatorResult {
  return { [name]: { status: 'degraded', impact } } as unknown as HealthIndicatorResult;
}

async function withinMs(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([work.then(() => true).catch(() => false), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
