import { DomainError, ErrorCode } from '@weft/problem';

/** Typed Shopify failures: callers decide retry, drift or exception from the code, never from a message. */
export enum ShopifyErrorCode {
  /** The shop is not in SHOPIFY_SHOPS, or has no Admin access token. */
  SHOP_NOT_CONFIGURED = 'shopify-shop-not-configured',
  /** Shopify rejected the input (a userError without a more specific code). */
  REJECTED = 'shopify-rejected',
  NOT_FOUND = 'shopify-not-found',
  /** inventorySetQuantities: the quantity in Shopify is not the one Weft last wrote (a concurrent change). */
  QUANTITY_STALE = 'shopify-quantity-stale',
  /** The order has no open fulfilment order lines for what was shipped. */
  NOTHING_TO_FULFIL = 'shopify-nothing-to-fulfil',
  /** The order has no captured payment to refund against. */
  NOTHING_TO_REFUND = 'shopify-nothing-to-refund',
  /** The same idempotency key was used with different input, or its first attempt failed. */
  IDEMPOTENCY_CONFLICT = 'shopify-idempotency-conflict',
  /** 401/403: the token is wrong or lacks a scope. */
  ACCESS_DENIED = 'shopify-access-denied',
  /** Throttled beyond the retries, 5xx, timeout, network, breaker open: worth retrying later. */
  UNAVAILABLE = 'shopify-unavailable',
}

export interface ShopifyUserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

export class ShopifyError extends Error {
  constructor(
    readonly code: ShopifyErrorCode,
    message: string,
    readonly userErrors: ShopifyUserError[] = [],
  ) {
    super(message);
    this.name = 'ShopifyError';
  }

  get transient(): boolean {
    return this.code === ShopifyErrorCode.UNAVAILABLE;
  }
}

const USER_ERROR_CODES: Record<string, ShopifyErrorCode> = {
  CHANGE_FROM_QUANTITY_STALE: ShopifyErrorCode.QUANTITY_STALE,
  COMPARE_QUANTITY_STALE: ShopifyErrorCode.QUANTITY_STALE,
  IDEMPOTENCY_KEY_PARAMETER_MISMATCH: ShopifyErrorCode.IDEMPOTENCY_CONFLICT,
  IDEMPOTENCY_PREVIOUS_ATTEMPT_FAILED: ShopifyErrorCode.IDEMPOTENCY_CONFLICT,
  IDEMPOTENCY_CONCURRENT_REQUEST: ShopifyErrorCode.UNAVAILABLE,
  INVALID_INVENTORY_ITEM: ShopifyErrorCode.NOT_FOUND,
  INVALID_LOCATION: ShopifyErrorCode.NOT_FOUND,
  NOT_FOUND: ShopifyErrorCode.NOT_FOUND,
  INTERNAL_ERROR: ShopifyErrorCode.UNAVAILABLE,
};

/** A mutation's userErrors as one typed error (the first error with a known code decides). */
export function userErrorsToError(operation: string, errors: ShopifyUserError[]): ShopifyError {
  const known = errors.map((e) => (e.code ? USER_ERROR_CODES[e.code] : undefined)).find(Boolean);
  const text = errors.map((e) => `${e.field?.join('.') ?? ''}${e.field?.length ? ': ' : ''}${e.message}`).join('; ');
  return new ShopifyError(known ?? ShopifyErrorCode.REJECTED, `Shopify ${operation}: ${text}`, errors);
}

function problemCode(code: ShopifyErrorCode): ErrorCode {
  switch (code) {
    case ShopifyErrorCode.SHOP_NOT_CONFIGURED:
      return ErrorCode.BUSINESS_RULE;
    case ShopifyErrorCode.REJECTED:
      // 422, not 502: the layer above gets Shopify's userErrors and code, and knows not to retry.
      return ErrorCode.BUSINESS_RULE;
    case ShopifyErrorCode.NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case ShopifyErrorCode.QUANTITY_STALE:
      return ErrorCode.CONFLICT;
    case ShopifyErrorCode.NOTHING_TO_FULFIL:
    case ShopifyErrorCode.NOTHING_TO_REFUND:
      return ErrorCode.BUSINESS_RULE;
    case ShopifyErrorCode.IDEMPOTENCY_CONFLICT:
      return ErrorCode.CONFLICT;
    case ShopifyErrorCode.ACCESS_DENIED:
      return ErrorCode.DOWNSTREAM_REJECTED;
    case ShopifyErrorCode.UNAVAILABLE:
      return ErrorCode.DOWNSTREAM_UNAVAILABLE;
  }
}

/** Shopify failures leave system-api as problems with Shopify's code kept as `shopifyCode`. */
export function shopifyToDomainError(e: unknown): unknown {
  if (!(e instanceof ShopifyError)) return e;
  return new DomainError(problemCode(e.code), e.message, {
    extensions: {
      shopifyCode: e.code,
      userErrors: e.userErrors.map((u) => ({ field: u.field ?? [], message: u.message, code: u.code ?? null })),
    },
    cause: e,
  });
}
