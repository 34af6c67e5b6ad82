import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  bulkhead,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IPolicy,
  retry,
  timeout,
  TimeoutStrategy,
  wrap,
  BulkheadRejectedError,
  BrokenCircuitError,
  TaskCancelledError,
} from 'cockatiel';
import { inSpan, SpanKind, WeftMetrics } from '@weft/observability';
import { SystemConfig } from '../system.config';
import { ErpError, ErpErrorCode } from './erp.errors';
import { ERP_PORT, ErpPort } from './erp.port';

type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...a: infer A) => Promise<infer R> ? (...a: A) => Promise<R> : T[K] };

/**
 * The ERP as system-api calls it: never more calls in flight than its governance limit (the rest
 * queue), a timeout per call, retries for transient failures, and a breaker that stops hammering an
 * ERP that is down. Every port method goes through the same policy.
 */
@Injectable()
export class ErpGateway {
  private readonly logger = new Logger('ErpGateway');
  readonly erp: AsyncMethods<ErpPort>;
  readonly limit: number;

  constructor(@Inject(ERP_PORT) port: ErpPort, config: SystemConfig, metrics: WeftMetrics) {
    this.limit = port.name === 'tryton' ? config.TRYTON_MAX_CONCURRENCY : config.ERP_CONCURRENCY_LIMIT;
    const transient = handleWhen((e) => e instanceof ErpError && e.transient);
    const queueCapacity = 100_000;
    const slots = bulkhead(this.limit, queueCapacity);
    const breaker = circuitBreaker(transient, { halfOpenAfter: 10_000, breaker: new ConsecutiveBreaker(25) });
    const retries = retry(transient, { maxAttempts: 3, backoff: new ExponentialBackoff({ initialDelay: 100, maxDelay: 2_000 }) });
    retries.onRetry(() => metrics.retries.inc({ component: 'erp', target: 'erp' }));
    metrics.watchCircuit('erp', () => breaker.state);
    metrics.watchBulkhead('erp', () => ({ active: this.limit - slots.executionSlots, queued: queueCapacity - slots.queueSlots }));
    const policy: IPolicy = wrap(slots, breaker, retries, timeout(config.DOWNSTREAM_TIMEOUT_MS * 2, TimeoutStrategy.Aggressive));
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
                policy.execute(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)),
              ),
          ).catch((e: unknown) => {
            throw this.translate(e, String(prop));
          });
      },
    }) as AsyncMethods<ErpPort>;
  }

  private translate(e: unknown, method: string): unknown {
    if (e instanceof BrokenCircuitError) return new ErpError(ErpErrorCode.UNAVAILABLE, 'ERP circuit open: failing fast');
    if (e instanceof BulkheadRejectedError) return new ErpError(ErpErrorCode.UNAVAILABLE, 'ERP call queue is full');
    if (e instanceof TaskCancelledError) {
      this.logger.warn(`ERP ${method} timed out`);
      return new ErpError(ErpErrorCode.UNAVAILABLE, `ERP ${method} timed out`);
    }
    return e;
  }
}
