export enum ReturnState {
  REQUESTED = 'REQUESTED',
  APPROVED = 'APPROVED',
  DECLINED = 'DECLINED',
  RECEIVED = 'RECEIVED',
  CREDIT_POSTED = 'CREDIT_POSTED',
  REFUNDED = 'REFUNDED',
  CLOSED = 'CLOSED',
  /** Retries exhausted: the reason is in the timeline; money is recorded (credit memo) but not refunded. */
  EXCEPTION = 'EXCEPTION',
}
