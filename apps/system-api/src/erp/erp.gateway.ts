import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import {
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IPolicy,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  BrokenCircuitError,
  TaskCancelledError,
} from 'cockatiel';
import { REDIS } from '@weft/platform';
import { inSpan, SpanKind, WeftMetrics } from '@weft/observability';
import { SystemConfig } from '../system.config';
import { ErpError, ErpErrorCode } from './erp.errors';
import { ErpGovernor, ErpQueueFullError, LocalErpGovernor } from './erp-governor';
import { ERP_PORT, ErpPort } from './erp.port';
import { RedisErpGovernor } from './redis-erp-governor';

type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...a: infer A) => Promise<infer R> ? (...a: A) => Promise<R> : T[K] };

/**
 * The ERP as system-api calls it: never more calls in flight than its governance limit, nor more started
 * per window than its rate limit, across every replica when REDIS_URL is set (the rest queue); a timeout
 * per call, retries for transient failures, and a breaker that stops hammering an ERP that is down.
 * Every port method goes through the same policy. Each attempt takes its own permit, so a call waiting
 * out a retry backoff holds no slot; the permit is returned when the ERP has answered, not when Weft
 * stopped waiting, because a timed-out call still occupies the ERP.
 */
@Injectable()
export class ErpGateway {
  private readonly logger = new Logger('ErpGateway');
  readonly erp: AsyncMethods<ErpPort>;
  readonly limit: number;
  readonly governor: ErpGovernor;

  constructor(@Inject(ERP_PORT) port: ErpPort, config: SystemConfig, metrics: WeftMetrics, @Inject(REDIS) redis: Redis | null) {
    this.limit = port.name === 'tryton' ? config.TRYTON_MAX_CONCURRENCY : config.ERP_CONCURRENCY_LIMIT;
    const limits = { concurrency: this.limit, rate: config.ERP_RATE_LIMIT, windowMs: config.ERP_RATE_WINDOW_MS };
    const key = `${config.REDIS_KEY_PREFIX}erp:${port.name}`;
    this.governor = redis
      ? new RedisErpGovernor(redis, { slots: `${key}:slots`, rate: `${key}:rate` }, limits)
      : new LocalErpGovernor(limits);
    const transient = handleWhen((e) => e instanceof ErpError && e.transient);
    const breaker = circuitBreaker(transient, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(25) });
    const retries = retry(transient, { maxAttempts: 3, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }) });
    retries.onRetry(() => metrics.retries.inc({ component: 'erp', target: 'erp' }));
    metrics.watchCircuit('erp', () => breaker.state);
    metrics.watchBulkhead('erp', () => ({ active: this.governor.active, queued: this.governor.queued }));
    const policy: IPolicy = wrap(breaker, retries);
    const callTimeout = timeout(config.DOWNSTREAM_TIMEOUT_MS * 2, TimeoutStrategy.Aggressive);
    const attempt = async (operation: string, call: () => Promise<unknown>): Promise<unknown> => {
      const permit = await this.governor.acquire();
      let running: Promise<unknown>;
      try {
        // Timed from the permit to the answer: the ERP's busy time, whatever the adapter (reference or Tryton).
        running = metrics.timeInFlight('erp', operation, call());
      } catch (e) {
        permit.release();
        throw e;
      }
      running.then(permit.release, permit.release);
      return callTimeout.execute(() => running);
    };
    this.erp = new Proxy(port, {
      get: (target, prop, receiver) => {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          inSpan(
            `erp ${String(prop)}`,
            { kind: SpanKind.CLIENT, attributes: { 'weft.erp.adapter': port.name, 'weft.erp.operation': String(prop) } },
            () =>
              metrics.timeOutbound('erp', String(prop), () =>
                policy.execute(() => attempt(String(prop), () => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args))),
              ),
          ).catch((e: unknown) => {
            throw this.translate(e, String(prop));
          });
      },
    }) as AsyncMethods<ErpPort>;
  }

  private translate(e: unknown, method: string): unknown {
    if (e instanceof BrokenCircuitError) return new ErpError(ErpErrorCode.UNAVAILABLE, 'ERP circuit open: failing fast');
    if (e instanceof ErpQueueFullError) return new ErpError(ErpErrorCode.UNAVAILABLE, 'ERP call queue is full');
    if (e instanceof TaskCancelledError) {
      this.logger.warn(`ERP ${method} timed out`);
      return new ErpError(ErpErrorCode.UNAVAILABLE, `ERP ${method} timed out`);
    }
    return e;
  }
}
