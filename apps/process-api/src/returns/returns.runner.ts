import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ProcessConfig } from '../process.config';
import { decideOnFailure } from '../workflow/failure-policy';
import { LeasedWorkQueue } from '../workflow/leased-work-queue';
import { ReturnRecord } from './return.entity';
import { ReturnState } from './return-state';
import { ReturnStore } from './return.store';
import { ReturnToRefundWorkflow } from './return-to-refund.workflow';

/** Drives due returns through their steps; retries with backoff, then EXCEPTION with the reason. */
@Injectable()
export class ReturnsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReturnsRunner');
  private readonly queue: LeasedWorkQueue<ReturnRecord>;

  constructor(
    private readonly store: ReturnStore,
    private readonly workflow: ReturnToRefundWorkflow,
    private readonly config: ProcessConfig,
  ) {
    this.queue = new LeasedWorkQueue({
      name: 'ReturnsRunner',
      entity: ReturnRecord,
      uow: store.uow,
      concurrency: 4,
      pollMs: config.WORKFLOW_POLL_MS,
      work: (r) => this.advance(r),
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

  private async advance(claimed: ReturnRecord): Promise<void> {
    let r: ReturnRecord | null = claimed;
    for (let i = 0; i < 8 && r; i++) {
      const step = this.workflow.stepFor(r);
      if (!step) {
        await this.commit(r, []);
        return;
      }
      let changes;
      try {
        changes = await step.invoke(r);
      } catch (e) {
        await this.fail(r, step.name, e);
        return;
      }
      r = await this.commit(r, changes);
    }
  }

  private commit(
    seen: ReturnRecord,
    changes: Awaited<ReturnType<ReturnToRefundWorkflow['receive']['invoke']>>,
  ): Promise<ReturnRecord | null> {
    return this.store.uow.run(async (m) => {
      let current = await this.store.lock(m, seen.id);
      if (!current || current.state !== seen.state) return null;
      for (const c of changes) current = await this.store.apply(m, current, c);
      const more = this.workflow.stepFor(current) !== undefined;
      return this.store.apply(m, current, {
        cause: '',
        patch: { attempts: 0, lastError: null, nextAttemptAt: more ? new Date().toISOString() : null },
      });
    });
  }

  private async fail(r: ReturnRecord, stepName: string, e: unknown): Promise<void> {
    const d = decideOnFailure(r.attempts, e, this.config.WORKFLOW_MAX_ATTEMPTS, this.config.WORKFLOW_RETRY_BASE_MS);
    this.logger.warn(`return ${r.businessKey} step ${stepName} failed (attempt ${d.attempts}): ${d.reason}`);
    await this.store.uow.run(async (m) => {
      const current = await this.store.lock(m, r.id);
      if (!current || current.state !== r.state) return;
      await this.store.apply(
        m,
        current,
        d.final
          ? {
              to: ReturnState.EXCEPTION,
              cause: `step ${stepName} failed in ${current.state} after ${d.attempts} attempt(s): ${d.reason}`,
              patch: { attempts: d.attempts, lastError: d.reason, nextAttemptAt: null },
            }
          : { cause: '', patch: { attempts: d.attempts, lastError: d.reason, nextAttemptAt: d.retryAt } },
      );
    });
  }
}
