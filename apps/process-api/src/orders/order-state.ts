/** Order-to-cash states; each transition is persisted with its cause. */
export enum OrderState {
  RECEIVED = 'RECEIVED',
  VALIDATED = 'VALIDATED',
  ON_HOLD = 'ON_HOLD',
  CUSTOMER_RESOLVED = 'CUSTOMER_RESOLVED',
  RESERVED = 'RESERVED',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED_BY_ERP = 'ACCEPTED_BY_ERP',
  PARTIALLY_FULFILLED = 'PARTIALLY_FULFILLED',
  FULFILLED = 'FULFILLED',
  INVOICED = 'INVOICED',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  FAILED = 'FAILED',
}

export const TERMINAL_STATES: ReadonlySet<OrderState> = new Set([OrderState.COMPLETED, OrderState.CANCELLED, OrderState.FAILED]);

/** States before any goods left: a cancellation here is compensated (reservation released, ERP order cancelled). */
export const CANCELLABLE_STATES: ReadonlySet<OrderState> = new Set([
  OrderState.RECEIVED,
  OrderState.VALIDATED,
  OrderState.ON_HOLD,
  OrderState.CUSTOMER_RESOLVED,
  OrderState.RESERVED,
  OrderState.SUBMITTED,
  OrderState.ACCEPTED_BY_ERP,
]);
