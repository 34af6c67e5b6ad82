/**
 * Every GraphQL document Weft sends to the Shopify Admin API (version SHOPIFY_API_VERSION). They live
 * here, and only here, so shopify.documents.spec.ts can validate each one against Shopify's published
 * schema for that version (test/fixtures/shopify/admin-schema).
 */
export const SHOPIFY_API_VERSION = '2026-10';

const USER_ERRORS = 'userErrors { field message }';

export const SHOPIFY_DOCUMENTS = {
  /** Absolute available quantity with compare-and-set (`changeFromQuantity`); idempotent on Weft's key. */
  inventorySetQuantities: `mutation WeftInventorySet($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason changes { name delta quantityAfterChange } }
    userErrors { code field message }
  }
}`,

  /** What a fulfilment needs: the order's fulfilment orders and their open lines, and fulfilments already made. */
  orderFulfillmentOrders: `query WeftOrderFulfillmentOrders($id: ID!) {
  order(id: $id) {
    id
    name
    fulfillments(first: 20) { id status trackingInfo(first: 3) { number company url } }
    fulfillmentOrders(first: 5) {
      nodes {
        id
        status
        lineItems(first: 50) { nodes { id remainingQuantity lineItem { sku } } }
      }
    }
  }
}`,

  fulfillmentCreate: `mutation WeftFulfillmentCreate($fulfillment: FulfillmentInput!, $message: String) {
  fulfillmentCreate(fulfillment: $fulfillment, message: $message) {
    fulfillment { id status trackingInfo(first: 5) { number company url } }
    ${USER_ERRORS}
  }
}`,

  /** What a refund needs: the captured transactions to refund against, and refunds already made. */
  orderRefundContext: `query WeftOrderRefundContext($id: ID!) {
  order(id: $id) {
    id
    currencyCode
    refunds(first: 20) { id note totalRefundedSet { shopMoney { amount currencyCode } } }
    transactions(first: 20) { id gateway kind status amountSet { shopMoney { amount currencyCode } } }
  }
}`,

  /** Reconciliation: what each order's payment transactions captured and refunded, many orders per request. */
  ordersTransactions: `query WeftOrdersTransactions($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on Order {
      id
      currencyCode
      transactions(first: 50) { id kind status processedAt amountSet { shopMoney { amount currencyCode } } }
    }
  }
}`,

  refundCreate: `mutation WeftRefundCreate($input: RefundInput!, $key: String!) {
  refundCreate(input: $input) @idempotent(key: $key) {
    refund { id note totalRefundedSet { shopMoney { amount currencyCode } } }
    ${USER_ERRORS}
  }
}`,

  orderCancel: `mutation WeftOrderCancel($orderId: ID!, $reason: OrderCancelReason!, $restock: Boolean!, $refund: Boolean, $notifyCustomer: Boolean, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, restock: $restock, refund: $refund, notifyCustomer: $notifyCustomer, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { code field message }
  }
}`,

  /** The ERP order number on the Shopify order, as a tag support sees in the admin's order list. */
  tagsAdd: `mutation WeftTagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) {
    node { id }
    ${USER_ERRORS}
  }
}`,

  /** Catch-up, step 1: which orders changed since a watermark, oldest first (cheap: ids and times only). */
  ordersUpdatedSince: `query WeftOrdersUpdatedSince($query: String!, $after: String) {
  orders(first: 100, after: $after, query: $query, sortKey: UPDATED_AT) {
    pageInfo { hasNextPage endCursor }
    nodes { id name updatedAt }
  }
}`,

  /**
   * Catch-up of a large window, step 1: the same change list as ordersUpdatedSince, as a bulk
   * operation Shopify runs on its side (no paging, no cost bucket) and leaves as a JSONL file. The
   * query it runs is `bulkOrdersUpdatedSince` with its placeholder replaced.
   */
  bulkOperationRunQuery: `mutation WeftBulkOperationRunQuery($query: String!) {
  bulkOperationRunQuery(query: $query, groupObjects: false) {
    bulkOperation { id status objectCount url errorCode }
    userErrors { code field message }
  }
}`,

  /**
   * The query a bulk catch-up runs; BULK_SINCE_PLACEHOLDER is replaced by the JSON-quoted search. No
   * sortKey: a bulk result comes in whatever order Shopify writes it, and is sorted when read.
   */
  bulkOrdersUpdatedSince: `query WeftBulkOrdersUpdatedSince {
  orders(query: "__WEFT_SINCE__") {
    edges { node { id name updatedAt } }
  }
}`,

  /** Step 2: how the bulk operation is doing; once COMPLETED, `url` is its JSONL result. */
  bulkOperation: `query WeftBulkOperation($id: ID!) {
  node(id: $id) {
    ... on BulkOperation { id status objectCount url errorCode }
  }
}`,

  /** Catch-up progress: how many orders the window holds (Shopify caps the count at `limit`). */
  ordersCountSince: `query WeftOrdersCountSince($query: String!) {
  ordersCount(query: $query, limit: 10000) { count precision }
}`,

  /** Catch-up, step 2: one order Weft has not seen, in the fields the webhook intake reads. */
  orderForIntake: `query WeftOrderForIntake($id: ID!) {
  order(id: $id) {
    id
    name
    email
    phone
    createdAt
    updatedAt
    cancelledAt
    currencyCode
    displayFinancialStatus
    subtotalPriceSet { shopMoney { amount } }
    totalDiscountsSet { shopMoney { amount } }
    totalTaxSet { shopMoney { amount } }
    totalShippingPriceSet { shopMoney { amount } }
    totalPriceSet { shopMoney { amount } }
    customer { id firstName lastName defaultEmailAddress { emailAddress } defaultPhoneNumber { phoneNumber } }
    shippingAddress { name firstName lastName address1 address2 city provinceCode zip countryCodeV2 phone }
    billingAddress { name firstName lastName address1 address2 city provinceCode zip countryCodeV2 phone }
    lineItems(first: 50) {
      nodes {
        id
        sku
        title
        quantity
        originalUnitPriceSet { shopMoney { amount } }
        totalDiscountSet { shopMoney { amount } }
        taxLines { priceSet { shopMoney { amount } } }
      }
    }
  }
}`,

  webhookSubscriptions: `query WeftWebhookSubscriptions($after: String) {
  webhookSubscriptions(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id topic uri format createdAt }
  }
}`,

  webhookSubscriptionCreate: `mutation WeftWebhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
    webhookSubscription { id topic uri format createdAt }
    ${USER_ERRORS}
  }
}`,
} as const;

export type ShopifyDocumentName = keyof typeof SHOPIFY_DOCUMENTS;

export const BULK_SINCE_PLACEHOLDER = '"__WEFT_SINCE__"';

/** The bulk catch-up query for orders updated after `search` (e.g. updated_at:>'…'), the placeholder replaced. */
export function bulkOrdersQuery(search: string): string {
  return SHOPIFY_DOCUMENTS.bulkOrdersUpdatedSince.replace(BULK_SINCE_PLACEHOLDER, JSON.stringify(search));
}
