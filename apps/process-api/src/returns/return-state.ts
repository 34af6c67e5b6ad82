export enum ReturnState {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  RECEIVED = 'RECEIVED',
  CREDIT_POSTED = 'CREDIT_POSTED',
  REFUNDED = 'REFUNDED',
  CLOSED = 'CLOSED',
  /** The ERP or the payment provider is unavailable: retried with capped backoff until WORKFLOW_GIVE_UP_AFTER. */
  WAITING = 'WAITING',
  /** A permanent failure or the give-up budget exhausted: the reason is in the timeline; money is recorded (credit memo) but not refunded. */
  EXCEPTION = 'EXCEPTION',
}
