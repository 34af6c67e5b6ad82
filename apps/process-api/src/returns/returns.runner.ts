import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ProcessConfig } from '../process.config';
import { CLOCK, Clock } from '../workflow/clock.port';
import { StateMachineRunner } from '../workflow/state-machine.runner';
import { ReturnRecord } from './return.entity';
import { ReturnState } from './return-state';
import { ReturnStore } from './return.store';
import { ReturnToRefundWorkflow } from './return-to-refund.workflow';

/** Drives due returns through their steps on the shared engine: WAITING through outages, EXCEPTION when it cannot proceed. */
@Injectable()
export class ReturnsRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly background: boolean;
  readonly engine: StateMachineRunner<ReturnRecord>;

  constructor(store: ReturnStore, workflow: ReturnToRefundWorkflow, config: ProcessConfig, @Inject(CLOCK) clock: Clock) {
    // A WEFT_ROLE=serve replica neither claims nor kicks: what it records, an `all` replica's poll picks up.
    this.background = config.runsBackgroundWork;
    this.engine = new StateMachineRunner<ReturnRecord>(
      {
        name: 'return',
        entity: ReturnRecord,
        store,
        waitingState: ReturnState.WAITING,
        failedState: ReturnState.EXCEPTION,
        stepFor: (r) => workflow.stepFor(r),
      },
      {
        concurrency: config.WORKFLOW_CONCURRENCY,
        pollMs: config.WORKFLOW_POLL_MS,
        maxStepsPerClaim: 12,
        policy: config.retryPolicy,
        clock,
      },
    );
  }

  onApplicationBootstrap(): void {
    if (this.background) this.engine.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engine.stop();
  }

  kick(): void {
    if (this.background) this.engine.kick();
  }
}
