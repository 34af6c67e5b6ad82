import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { WeftMetrics } from '@weft/observability';
import { ProcessConfig } from '../process.config';
import { OrderRecord } from './order.entity';
import { OrderState } from './order-state';
import { OrderStore } from './order.store';
import { CLOCK, Clock } from '../workflow/clock.port';
import { OrderToCashWorkflow } from './order-to-cash.workflow';
import { StateMachineRunner } from '../workflow/state-machine.runner';

/**
 * Moves orders through order-to-cash on the shared engine: WAITING_FOR_ERP through outages, FAILED when it
 * cannot proceed. Each step continues the trace of the request or event that created the order.
 */
@Injectable()
export class WorkflowRunner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly background: boolean;
  readonly engine: StateMachineRunner<OrderRecord>;

  constructor(store: OrderStore, workflow: OrderToCashWorkflow, config: ProcessConfig, @Inject(CLOCK) clock: Clock, metrics: WeftMetrics) {
    // A WEFT_ROLE=serve replica neither claims nor kicks: what it records, an `all` replica's poll picks up.
    this.background = config.runsBackgroundWork;
    this.engine = new StateMachineRunner<OrderRecord>(
      {
        name: 'order',
        entity: OrderRecord,
        store,
        waitingState: OrderState.WAITING_FOR_ERP,
        failedState: OrderState.FAILED,
        stepFor: (o) => workflow.machineStepFor(o),
        retriesInPlace: (o) => o.state === OrderState.FAILED,
        spanFor: (o) => ({
          traceparent: o.traceparent,
          attributes: { 'weft.order.business_key': o.businessKey, 'weft.order.state': o.state },
        }),
      },
      {
        concurrency: config.WORKFLOW_CONCURRENCY,
        pollMs: config.WORKFLOW_POLL_MS,
        maxStepsPerClaim: 12,
        policy: config.retryPolicy,
        clock,
        metrics,
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
