import { IdempotencyRecordEntity } from './idempotency/idempotency-record.entity';

/** Tables the edge policies keep in the app's own database; add to the edge app's entity list. */
export const GATEWAY_ENTITIES = [IdempotencyRecordEntity];
