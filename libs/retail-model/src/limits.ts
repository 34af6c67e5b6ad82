/**
 * Upper bounds of the numbers a request may carry. Chosen so that the largest order (200 lines of the
 * largest quantity at the largest price) stays an exact JavaScript integer (below 2^53) in minor units.
 */
export const LIMITS = {
  /** Units of one SKU on one line. */
  quantity: 10_000,
  /** A unit price, discount, tax or shipping amount in minor units (10 million in a 2-decimal currency). */
  unitMinor: 1_000_000_000,
  /** A payment, tender, credit or refund amount in minor units. */
  amountMinor: 1_000_000_000_000,
} as const;
