import { Logger } from '@nestjs/common';
import { AdminApiClient, createAdminApiClient } from '@shopify/admin-api-client';
import {
  bulkhead,
  BrokenCircuitError,
  BulkheadRejectedError,
  circuitBreaker,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  IPolicy,
  retry,
  wrap,
} from 'cockatiel';
import { ShopifyShop, shopifyAdminGraphqlUrl } from '@weft/config';
import { CostBucket, ThrottleStatus } from './shopify-cost-bucket';
import { SHOPIFY_API_VERSION, SHOPIFY_DOCUMENTS, ShopifyDocumentName } from './shopify.documents';
import { ShopifyError, ShopifyErrorCode } from './shopify.errors';

export interface ShopifyClientOptions {
  timeoutMs: number;
  /** Calls in flight to one shop at once. */
  concurrency: number;
  /** THROTTLED / 429 answers waited out before giving up with UNAVAILABLE. */
  maxThrottleRetries: number;
  reservePoints: number;
  sleep?: (ms: number) => Promise<void>;
}

interface CostExtension {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: ThrottleStatus;
}

interface GraphQLErrorLike {
  message: string;
  extensions?: { code?: string };
}

/** Queries, and mutations Shopify makes idempotent (by @idempotent or by nature): safe to send again after a timeout. */
const RETRY_SAFE = new Set<ShopifyDocumentName>([
  'inventorySetQuantities',
  'refundCreate',
  'tagsAdd',
  'orderFulfillmentOrders',
  'orderRefundContext',
  'ordersUpdatedSince',
  'ordersCountSince',
  'bulkOperation',
  'orderForIntake',
  'webhookSubscriptions',
]);

/** What a document costs before Shopify has told us (mutations cost 10; a small query a few points). */
const FIRST_GUESS = 10;

/**
 * One shop's Admin GraphQL API: Shopify's official client (pinned to SHOPIFY_API_VERSION), paced by
 * the shop's cost bucket, with its own bulkhead, timeout, retry and breaker so one failing or
 * throttled shop neither slows nor trips another.
 */
export class ShopifyAdminClient {
  readonly domain: string;
  readonly url: string;
  readonly bucket: CostBucket;
  private readonly client: AdminApiClient;
  private readonly policy: IPolicy;
  private readonly once: IPolicy;
  private readonly lastCost = new Map<ShopifyDocumentName, number>();
  private readonly logger: Logger;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    shop: ShopifyShop & { adminAccessToken: string },
    private readonly options: ShopifyClientOptions,
  ) {
    this.domain = shop.domain;
    this.url = shopifyAdminGraphqlUrl(shop, SHOPIFY_API_VERSION);
    this.logger = new Logger(`Shopify ${shop.domain}`);
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.bucket = new CostBucket({
      reserve: options.reservePoints,
      initial: { maximumAvailable: 1000, currentlyAvailable: 100, restoreRate: 100 },
      sleep: this.sleep,
    });
    this.client = createAdminApiClient({
      storeDomain: shop.domain,
      apiVersion: SHOPIFY_API_VERSION,
      accessToken: shop.adminAccessToken,
      userAgentPrefix: 'weft',
      retries: 0,
      // adminApiUrl (a proxy, a test server) replaces the URL the client derives from the domain.
      customFetchApi: (_url, init) => fetch(this.url, init as RequestInit),
      // The token and payloads are never logged; only that a version is unsupported is worth a line.
      logger: (log) => {
        if (log.type === 'Unsupported_Api_Version') this.logger.warn(`API version ${SHOPIFY_API_VERSION} is not in the client's list`);
      },
    });
    const transient = handleWhen((e) => e instanceof ShopifyError && e.transient);
    const limit = bulkhead(options.concurrency, 10_000);
    const breaker = circuitBreaker(transient, { halfOpenAfter: 15_000, breaker: new ConsecutiveBreaker(10) });
    this.policy = wrap(
      limit,
      breaker,
      retry(transient, { maxAttempts: 2, backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 2_000 }) }),
    );
    // A timed-out fulfillmentCreate may have happened: it is not retried here, the caller re-reads first.
    this.once = wrap(limit, breaker);
  }

  /** Runs one of Weft's documents; GraphQL errors and transport failures become typed ShopifyErrors. */
  async run<T>(name: ShopifyDocumentName, variables: Record<string, unknown>): Promise<T> {
    try {
      const policy = RETRY_SAFE.has(name) ? this.policy : this.once;
      return await policy.execute(() => this.attempt<T>(name, variables));
    } catch (e) {
      if (e instanceof BrokenCircuitError) throw new ShopifyError(ShopifyErrorCode.UNAVAILABLE, `Shopify ${this.domain}: circuit open`);
      if (e instanceof BulkheadRejectedError) throw new ShopifyError(ShopifyErrorCode.UNAVAILABLE, `Shopify ${this.domain}: queue full`);
      throw e;
    }
  }

  private async attempt<T>(name: ShopifyDocumentName, variables: Record<string, unknown>): Promise<T> {
    for (let throttled = 0; ; throttled++) {
      const expected = this.lastCost.get(name) ?? FIRST_GUESS;
      await this.bucket.acquire(expected);
      const answer = await this.send(name, variables);
      const cost = answer.extensions?.cost as CostExtension | undefined;
      this.bucket.update(cost?.throttleStatus, cost?.actualQueryCost ?? undefined, expected);
      if (cost?.requestedQueryCost) this.lastCost.set(name, cost.requestedQueryCost);
      const wait = this.throttleWait(answer, cost);
      if (wait === undefined) return this.unwrap<T>(name, answer);
      if (throttled >= this.options.maxThrottleRetries) {
        throw new ShopifyError(
          ShopifyErrorCode.UNAVAILABLE,
          `Shopify ${this.domain} ${name}: still throttled after ${throttled + 1} tries`,
        );
      }
      this.logger.warn(`${name} throttled; waiting ${wait} ms`);
      await this.sleep(wait);
    }
  }

  private async send(name: ShopifyDocumentName, variables: Record<string, unknown>) {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    try {
      return await this.client.request(SHOPIFY_DOCUMENTS[name] as string, { variables, signal });
    } catch (e) {
      throw new ShopifyError(ShopifyErrorCode.UNAVAILABLE, `Shopify ${this.domain} ${name}: ${(e as Error).message}`);
    }
  }

  /** ms to wait before trying again, or undefined when the answer was not a throttle. */
  private throttleWait(answer: Awaited<ReturnType<AdminApiClient['request']>>, cost: CostExtension | undefined): number | undefined {
    const status = answer.errors?.networkStatusCode;
    const gqlErrors = (answer.errors?.graphQLErrors ?? []) as GraphQLErrorLike[];
    const throttled = gqlErrors.some((e) => e.extensions?.code === 'THROTTLED');
    if (status === 429) {
      const retryAfter = Number(answer.errors?.response?.headers.get('retry-after'));
      if (!cost?.throttleStatus) this.bucket.drain();
      return Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : Math.max(this.bucket.msUntil(FIRST_GUESS * 10), 1000);
    }
    if (throttled) return Math.max(this.bucket.msUntil((cost?.requestedQueryCost ?? FIRST_GUESS) + this.options.reservePoints), 50);
    return undefined;
  }

  private unwrap<T>(name: ShopifyDocumentName, answer: Awaited<ReturnType<AdminApiClient['request']>>): T {
    const errors = answer.errors;
    if (!errors) return answer.data as T;
    const status = errors.networkStatusCode;
    if (status === 401 || status === 403) {
      throw new ShopifyError(
        ShopifyErrorCode.ACCESS_DENIED,
        `Shopify ${this.domain} ${name}: access denied (${status}); check the token and scopes`,
      );
    }
    const gqlErrors = (errors.graphQLErrors ?? []) as GraphQLErrorLike[];
    if (!status || status >= 500 || gqlErrors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) {
      throw new ShopifyError(
        ShopifyErrorCode.UNAVAILABLE,
        `Shopify ${this.domain} ${name}: ${errors.message ?? 'failed'} (${status ?? 'network'})`,
      );
    }
    const text = gqlErrors.map((e) => e.message).join('; ') || errors.message || `HTTP ${status}`;
    throw new ShopifyError(ShopifyErrorCode.REJECTED, `Shopify ${this.domain} ${name}: ${text}`);
  }
}
