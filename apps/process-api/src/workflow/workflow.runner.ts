import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { EventType } from '@weft/events';
import { inSpan, SpanOptions, WeftMetrics } from '@weft/observability';
import { CanonicalOrder } from '@weft/retail-model';
import { ProcessConfig } from '../process.config';
import { OrderRecord } from '../orders/order.entity';
import { CANCELLABLE_STATES, OrderState, TERMINAL_STATES } from '../orders/order-state';
import { Change, OrderStore } from '../orders/order.store';
import { decideOnFailure } from './failure-policy';
import { OrderToCashWorkflow } from './order-to-cash.workflow';
import { LeasedWorkQueue } from './leased-work-queue';
import { StepContext } from './step';

const MAX_STEPS_PER_CLAIM = 12;

type StepOutcome = { done: true } | { done: false; changes: Change[]; order: OrderRecord | null };

/**
 * Moves orders through the workflow. Due orders are claimed with a lease (several process-api
 * instances share the work on PostgreSQL), advanced until they wait for an outside event, and every
 * failure is either retried with backoff or, after WORKFLOW_MAX_ATTEMPTS, parked in FAILED with its reason.
 */
@Injectable()
export class WorkflowRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkflowRunner');
  private readonly queue: LeasedWorkQueue<OrderRecord>;

  constructor(
    private readonly store: OrderStore,
    private readonly workflow: OrderToCashWorkflow,
    private readonly config: ProcessConfig,
    private readonly metrics: WeftMetrics,
  ) {
    this.queue = new LeasedWorkQueue({
      name: 'WorkflowRunner',
      entity: OrderRecord,
      uow: store.uow,
      concurrency: config.WORKFLOW_CONCURRENCY,
      pollMs: config.WORKFLOW_POLL_MS,
      work: (order) => this.advance(order),
    });
  }

  onApplicationBootstrap(): void {
    this.queue.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.queue.stop();
  }

  kick(): void {
    this.queue.kick();
  }

  /** Runs steps for one claimed order until it waits, fails or ends. */
  async advance(claimed: OrderRecord): Promise<void> {
    let order: OrderRecord | null = claimed;
    for (let i = 0; i < MAX_STEPS_PER_CLAIM && order && !TERMINAL_STATES.has(order.state); i++) {
      const ctx: StepContext = { order, doc: JSON.parse(order.document) as CanonicalOrder };
      const compensating = order.cancelRequested && CANCELLABLE_STATES.has(order.state);
      const step = compensating ? undefined : this.workflow.stepFor(order.state, order.channel);
      if (!compensating && !step) break;
      const stepName: string = compensating ? 'cancel' : step!.name;
      const before: OrderRecord = order;
      // Each step continues the trace of the request or event that created the order.
      const span: SpanOptions = {
        traceparent: order.traceparent,
        attributes: { 'weft.order.business_key': order.businessKey, 'weft.order.state': order.state },
      };
      const after: StepOutcome = await inSpan(`workflow.step ${stepName}`, span, async () => {
        let changes: Change[];
        try {
          changes = compensating ? await this.compensate(ctx) : await step!.invoke(ctx);
        } catch (e) {
          await this.fail(before, stepName, e);
          return { done: true as const };
        }
        return { done: false as const, changes, order: await this.commit(before, changes) };
      });
      if (after.done) return;
      order = after.order;
      if (!order || (after.changes.length === 0 && order.state === before.state)) break;
    }
  }

  private async compensate(ctx: StepContext): Promise<Change[]> {
    for (const step of this.workflow.compensationsFor()) await step.compensate?.(ctx);
    return [
      {
        to: OrderState.CANCELLED,
        cause: 'cancelled by the channel: reservation released, ERP order cancelled',
        events: [{ type: EventType.OrderCancelled, data: { reason: 'channel-cancelled' } }],
      },
    ];
  }

  /** Persists the step's changes if the order is still where the step found it. */
  private async commit(seen: OrderRecord, changes: Change[]): Promise<OrderRecord | null> {
    return this.store.uow.run(async (m) => {
      let current = await this.store.lock(m, seen.id);
      if (!current || current.state !== seen.state) return current;
      for (const change of changes) current = await this.store.apply(m, current, change);
      const waiting = changes.length === 0 || !this.workflow.hasWork(current);
      return this.store.apply(m, current, {
        cause: '',
        patch: { attempts: 0, lastError: null, nextAttemptAt: waiting ? null : new Date().toISOString() },
      });
    });
  }

  private async fail(order: OrderRecord, stepName: string, e: unknown): Promise<void> {
    const d = decideOnFailure(order.attempts, e, this.config.WORKFLOW_MAX_ATTEMPTS, this.config.WORKFLOW_RETRY_BASE_MS);
    if (!d.final) this.metrics.retries.inc({ component: 'workflow', target: stepName });
    this.logger.warn(`order ${order.businessKey} step ${stepName} failed (attempt ${d.attempts}): ${d.reason}`);
    await this.store.uow.run(async (m) => {
      const current = await this.store.lock(m, order.id);
      if (!current || current.state !== order.state) return;
      await this.store.apply(
        m,
        current,
        d.final
          ? {
              to: OrderState.FAILED,
              cause: `step ${stepName} failed after ${d.attempts} attempt(s): ${d.reason}`,
              patch: { attempts: d.attempts, lastError: d.reason, nextAttemptAt: null },
            }
          : { cause: '', patch: { attempts: d.attempts, lastError: d.reason, nextAttemptAt: d.retryAt } },
      );
    });
  }
}
