import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per app (the tests start three apps in one process, so the global registry would mix
 * them). Names follow the OpenTelemetry semantic conventions as Prometheus renders them: dots become
 * underscores and the unit is a suffix (`http.server.request.duration` → `http_server_request_duration_seconds`).
 */
export class WeftMetrics {
  readonly registry = new Registry();

  /** OTel `http.server.request.duration`, attributes http.request.method, http.route, http.response.status_code. */
  readonly httpServerDuration: Histogram<'http_request_method' | 'http_route' | 'http_response_status_code'>;
  /** Calls to a system outside this process (ERP, CRM, Shopify, the next layer), per operation. */
  readonly outboundDuration: Histogram<'target' | 'operation' | 'outcome'>;
  /**
   * How long each attempt held one of the target's concurrency slots (sent until answered), without the
   * queueing, retries and backoff that outboundDuration includes: its count is the calls the target
   * served and its sum the slot-time they used, so sum / (limit × window) is how busy the target was.
   */
  readonly outboundInFlight: Histogram<'target' | 'operation'>;
  /** Failed outbound calls by OTel `error.type`. */
  readonly outboundErrors: Counter<'target' | 'operation' | 'error_type'>;
  /** Retries of any kind: workflow steps, outbox publishes, event redeliveries, ERP calls. */
  readonly retries: Counter<'component' | 'target'>;
  readonly deadLettered: Counter<'type' | 'consumer'>;
  /** Rows the retention pruner deleted, per table. */
  readonly retentionPruned: Counter<'table'>;

  private readonly circuits = new Map<string, (() => number)[]>();
  private readonly bulkheads = new Map<string, () => { active: number; queued: number }>();

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.httpServerDuration = new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'Duration of HTTP server requests (OTel http.server.request.duration).',
      labelNames: ['http_request_method', 'http_route', 'http_response_status_code'],
      // OTel's advisory boundaries for this instrument.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
      registers: [this.registry],
    });
    this.outboundDuration = new Histogram({
      name: 'weft_outbound_call_duration_seconds',
      help: 'Duration of calls to external systems and other layers, per target and operation.',
      labelNames: ['target', 'operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.outboundInFlight = new Histogram({
      name: 'weft_outbound_call_in_flight_seconds',
      help: 'Time each attempt held a concurrency slot at the target (sent until answered), per target and operation.',
      labelNames: ['target', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.outboundErrors = new Counter({
      name: 'weft_outbound_call_errors_total',
      help: 'Failed calls to external systems and other layers, by error.type.',
      labelNames: ['target', 'operation', 'error_type'],
      registers: [this.registry],
    });
    this.retries = new Counter({
      name: 'weft_retries_total',
      help: 'Retries scheduled, by component (workflow, outbox, consumer, erp) and target.',
      labelNames: ['component', 'target'],
      registers: [this.registry],
    });
    this.deadLettered = new Counter({
      name: 'weft_dead_letters_created_total',
      help: 'Events dead-lettered after their last delivery, by event type and consumer.',
      labelNames: ['type', 'consumer'],
      registers: [this.registry],
    });
    this.retentionPruned = new Counter({
      name: 'weft_retention_pruned_rows_total',
      help: 'Rows deleted by the retention pruner (past their retention, no longer needed for deduplication), per table.',
      labelNames: ['table'],
      registers: [this.registry],
    });
    this.gauge(
      'weft_circuit_breaker_state',
      'Circuit-breaker state per target: 0 closed, 1 open, 2 half-open, 3 isolated.',
      ['target'],
      async () => this.circuitStates().map(({ target, state }) => ({ labels: { target }, value: state })),
    );
    this.gauge('weft_bulkhead_active_calls', 'Calls executing inside the bulkhead per target.', ['target'], async () =>
      [...this.bulkheads].map(([target, read]) => ({ labels: { target }, value: read().active })),
    );
    this.gauge('weft_bulkhead_queued_calls', 'Calls waiting for a bulkhead slot per target.', ['target'], async () =>
      [...this.bulkheads].map(([target, read]) => ({ labels: { target }, value: read().queued })),
    );
  }

  /** Reports a breaker's state (cockatiel's CircuitState numbering); several breakers on one target report the worst. */
  watchCircuit(target: string, state: () => number): void {
    this.circuits.set(target, [...(this.circuits.get(target) ?? []), state]);
  }

  /** Each watched target's worst breaker state, for a summary that is not a scrape. */
  circuitStates(): { target: string; state: number }[] {
    return [...this.circuits].map(([target, reads]) => ({ target, state: Math.max(...reads.map((r) => r())) }));
  }

  watchBulkhead(target: string, read: () => { active: number; queued: number }): void {
    this.bulkheads.set(target, read);
  }

  /** A gauge whose values are read from the source (database, bus) at scrape time. */
  gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    read: () => Promise<{ labels: Partial<Record<L, string>>; value: number }[]>,
  ): Gauge<L> {
    return new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        const values = await read();
        this.reset();
        for (const v of values) this.set(v.labels, v.value);
      },
    });
  }

  histogram<L extends string>(name: string, help: string, labelNames: L[], buckets: number[]): Histogram<L> {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [this.registry] });
  }

  counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
  }

  /**
   * Records how long `running` (one attempt, already sent) holds its slot at the target, whether it
   * succeeds or fails, and returns it unchanged: the slot is taken until the target answers, even when
   * the caller has stopped waiting (a timed-out call still occupies the ERP).
   */
  timeInFlight<T>(target: string, operation: string, running: Promise<T>): Promise<T> {
    const end = this.outboundInFlight.startTimer({ target, operation });
    running.then(
      () => end(),
      () => end(),
    );
    return running;
  }

  /** Times one outbound call and records its outcome; the error (if any) is rethrown unchanged. */
  async timeOutbound<T>(target: string, operation: string, call: () => Promise<T>): Promise<T> {
    const end = this.outboundDuration.startTimer({ target, operation });
    try {
      const result = await call();
      end({ outcome: 'success' });
      return result;
    } catch (e) {
      end({ outcome: 'error' });
      this.outboundErrors.inc({ target, operation, error_type: errorType(e) });
      throw e;
    }
  }
}

/** OTel `error.type`: a stable code when the error has one, else its class name. */
export function errorType(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(code)) return code;
  return e instanceof Error ? e.constructor.name : 'unknown';
}

type AsyncMethods<T> = { [K in keyof T]: T[K] };

/** Wraps every async method of a port so each call is an outbound call of `target`. */
export function instrumentPort<T extends object>(target: string, port: T, metrics: WeftMetrics): AsyncMethods<T> {
  return new Proxy(port, {
    get: (obj, prop, receiver) => {
      const value = Reflect.get(obj, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(obj, args);
        if (!(result instanceof Promise)) return result;
        return metrics.timeOutbound(target, prop, () => result);
      };
    },
  });
}

/** Seconds between an ISO timestamp and now (0 when absent). */
export function ageSeconds(iso: string | null | undefined, now = Date.now()): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? Math.max(0, (now - t) / 1000) : 0;
}
