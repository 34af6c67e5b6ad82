import { CanonicalOrder } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { Change } from '../orders/order.store';

export interface StepContext {
  order: OrderRecord;
  doc: CanonicalOrder;
}

/**
 * One workflow step: `invoke` does the work and says which change to persist; `compensate` undoes its
 * effect when the order is cancelled. Both are keyed on the order's business id, so running either
 * twice changes nothing.
 */
export interface WorkflowStep {
  name: string;
  invoke(ctx: StepContext): Promise<Change[]>;
  compensate?(ctx: StepContext): Promise<void>;
}
