/** Order-to-cash states; each transition is persisted with its cause. */
export enum OrderState {
  RECEIVED = 'RECEIVED',
  VALIDATED = 'VALIDATED',
  ON_HOLD = 'ON_HOLD',
  CUSTOMER_RESOLVED = 'CUSTOMER_RESOLVED',
  /** Paid, but the ERP has no stock for it: a business exception that moves on when stock arrives. */
  BACKORDERED = 'BACKORDERED',
  RESERVED = 'RESERVED',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED_BY_ERP = 'ACCEPTED_BY_ERP',
  PARTIALLY_FULFILLED = 'PARTIALLY_FULFILLED',
  FULFILLED = 'FULFILLED',
  INVOICED = 'INVOICED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
  /** A system behind (ERP, CRM) is unavailable: retried with capped backoff until WORKFLOW_GIVE_UP_AFTER. */
  WAITING_FOR_ERP = 'WAITING_FOR_ERP',
}

export const TERMINAL_STATES: ReadonlySet<OrderState> = new Set([OrderState.COMPLETED, OrderState.CANCELLED, OrderState.FAILED]);

/** States before any goods left: a cancellation here is compensated (reservation released, ERP order cancelled). */
export const CANCELLABLE_STATES: ReadonlySet<OrderState> = new Set([
  OrderState.RECEIVED,
  OrderState.VALIDATED,
  OrderState.ON_HOLD,
  OrderState.CUSTOMER_RESOLVED,
  OrderState.BACKORDERED,
  OrderState.RESERVED,
  OrderState.SUBMITTED,
  OrderState.ACCEPTED_BY_ERP,
]);

/** The state an order's workflow is in: a waiting order is still in the state it waits to leave. */
export function effectiveState(order: { state: OrderState; resumeState: string | null }): OrderState {
  return order.state === OrderState.WAITING_FOR_ERP && order.resumeState ? (order.resumeState as OrderState) : order.state;
}
