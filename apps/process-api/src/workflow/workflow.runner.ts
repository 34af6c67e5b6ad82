import { Injectable, Logger, OnApplicationBootstrap, BeforeApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, LessThanOrEqual } from 'typeorm';
import { EventType } from '@weft/events';
import { CanonicalOrder } from '@weft/retail-model';
import { ProcessConfig } from '../process.config';
import { OrderRecord } from '../orders/order.entity';
import { CANCELLABLE_STATES, OrderState, TERMINAL_STATES } from '../orders/order-state';
import { Change, OrderStore } from '../orders/order.store';
import { describeFailure, isPermanent } from './failure-policy';
import { OrderToCashWorkflow } from './order-to-cash.workflow';
import { StepContext } from './step';

const LEASE_MS = 60_000;
const MAX_STEPS_PER_CLAIM = 12;

/**
 * Moves orders through the workflow. Due orders are claimed with a lease (several process-api
 * instances share the work on PostgreSQL), advanced until they wait for an outside event, and every
 * failure is either retried with backoff or, after WORKFLOW_MAX_ATTEMPTS, parked in FAILED with its reason.
 */
@Injectable()
export class WorkflowRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkflowRunner');
  private readonly owner = randomUUID();
  private timer?: NodeJS.Timeout;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly store: OrderStore,
    private readonly workflow: OrderToCashWorkflow,
    private readonly config: ProcessConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.config.WORKFLOW_POLL_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await new Promise((r) => setTimeout(r, 20));
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass()
      .catch((e: unknown) => this.logger.error({ err: e }, 'workflow pass failed'))
      .finally(() => {
        this.running = false;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  private async pass(): Promise<void> {
    for (;;) {
      const claimed = await this.claim(this.config.WORKFLOW_CONCURRENCY * 4);
      if (claimed.length === 0 || this.stopped) return;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < claimed.length && !this.stopped) await this.advance(claimed[next++]);
      };
      await Promise.all(Array.from({ length: this.config.WORKFLOW_CONCURRENCY }, worker));
    }
  }

  private async claim(limit: number): Promise<OrderRecord[]> {
    const now = new Date().toISOString();
    const repo = this.store.uow.manager.getRepository(OrderRecord);
    return this.store.uow.serialised(async () => {
      const due = await repo.find({
        select: { id: true },
        where: [
          { nextAttemptAt: LessThanOrEqual(now), leaseUntil: IsNull() },
          { nextAttemptAt: LessThanOrEqual(now), leaseUntil: LessThan(now) },
        ],
        order: { nextAttemptAt: 'ASC' },
        take: limit,
      });
      if (due.length === 0) return [];
      const leaseUntil = new Date(Date.now() + LEASE_MS).toISOString();
      await repo
        .createQueryBuilder()
        .update()
        .set({ leaseUntil, leaseOwner: this.owner })
        .where({ id: In(due.map((d) => d.id)) })
        .andWhere('("leaseUntil" IS NULL OR "leaseUntil" < :now)', { now })
        .execute();
      return repo.find({ where: { id: In(due.map((d) => d.id)), leaseOwner: this.owner, leaseUntil } });
    });
  }

  /** Runs steps for one claimed order until it waits, fails or ends; always releases the lease. */
  async advance(claimed: OrderRecord): Promise<void> {
    let order: OrderRecord | null = claimed;
    try {
      for (let i = 0; i < MAX_STEPS_PER_CLAIM && order && !TERMINAL_STATES.has(order.state); i++) {
        const ctx: StepContext = { order, doc: JSON.parse(order.document) as CanonicalOrder };
        const compensating = order.cancelRequested && CANCELLABLE_STATES.has(order.state);
        const step = compensating ? undefined : this.workflow.stepFor(order.state, order.channel);
        if (!compensating && !step) break;
        let changes: Change[];
        try {
          changes = compensating ? await this.compensate(ctx) : await step!.invoke(ctx);
        } catch (e) {
          await this.fail(order, compensating ? 'cancel' : step!.name, e);
          return;
        }
        const before: OrderRecord = order;
        order = await this.commit(before, changes);
        if (!order || (changes.length === 0 && order.state === before.state)) break;
      }
    } finally {
      await this.release(claimed.id);
    }
  }

  private async compensate(ctx: StepContext): Promise<Change[]> {
    for (const step of this.workflow.compensationsFor()) await step.compensate?.(ctx);
    return [{ to: OrderState.CANCELLED, cause: 'cancelled by the channel: reservation released, ERP order cancelled', events: [{ type: EventType.OrderCancelled, data: { reason: 'channel-cancelled' } }] }];
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
    const attempts = order.attempts + 1;
    const reason = describeFailure(e);
    const final = isPermanent(e) || attempts >= this.config.WORKFLOW_MAX_ATTEMPTS;
    this.logger.warn(`order ${order.businessKey} step ${stepName} failed (attempt ${attempts}): ${reason}`);
    await this.store.uow.run(async (m) => {
      const current = await this.store.lock(m, order.id);
      if (!current || current.state !== order.state) return;
      const delay = this.config.WORKFLOW_RETRY_BASE_MS * 2 ** (attempts - 1);
      await this.store.apply(m, current, final
        ? { to: OrderState.FAILED, cause: `step ${stepName} failed after ${attempts} attempt(s): ${reason}`, patch: { attempts, lastError: reason, nextAttemptAt: null } }
        : { cause: '', patch: { attempts, lastError: reason, nextAttemptAt: new Date(Date.now() + delay).toISOString() } });
    });
  }

  private async release(id: string): Promise<void> {
    await this.store.uow.serialised(() =>
      this.store.uow.manager.getRepository(OrderRecord).update({ id, leaseOwner: this.owner }, { leaseUntil: null, leaseOwner: null }),
    );
  }
}
