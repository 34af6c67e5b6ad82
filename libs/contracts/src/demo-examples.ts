import { Json } from './openapi-types';

/** A row of config/demo-catalog.json, the catalog the reference ERP and the Tryton seed share. */
export interface DemoCatalogItem {
  sku: string;
  name: string;
  listPrice: string;
}

export const DEMO_CUSTOMER = { email: 'ada.demo@example.com', firstName: 'Ada', lastName: 'Demo', phone: '+14155550100' };
const ADDRESS = { name: 'Ada Demo', line1: '1 Market Street', city: 'San Francisco', region: 'CA', postalCode: '94105', countryCode: 'US' };
const ORDER_ID = '6f0e3c1a-2b4d-4e8f-9a7b-1c2d3e4f5a6b';
const AT = '2026-11-20T15:00:00.000Z';

const minor = (price: string): number => Math.round(Number(price) * 100);

/**
 * Request and response examples keyed by schema name, built from the demo catalog so they stay valid
 * against the demo ERP (SKU2006-001 at 8999 minor USD). A schema not present in a document is skipped.
 */
export function demoExamples(catalog: DemoCatalogItem[]): Record<string, Json> {
  const item = catalog.find((c) => c.sku === 'SKU2006-001') ?? catalog[0];
  if (!item) throw new Error('config/demo-catalog.json is empty: examples need a product');
  const price = minor(item.listPrice);
  const line = { sku: item.sku, quantity: 1, unitPriceMinor: price };
  const order = {
    id: ORDER_ID,
    channel: 'partner',
    externalId: 'partner-x:PX-1001',
    orderNumber: null,
    state: 'RECEIVED',
    currency: 'USD',
    financialStatus: 'paid',
    paymentCaptured: true,
    partnerId: 'partner-x',
    lines: [{ lineId: '1', sku: item.sku, title: item.name, quantity: 1, unitPriceMinor: price, discountMinor: 0, taxMinor: 0 }],
    totals: { subtotalMinor: price, discountMinor: 0, taxMinor: 0, shippingMinor: 0, totalMinor: price },
    erp: { salesOrderId: null, orderNumber: null, customerId: null, invoiceId: null },
    crmContactId: null,
    lastError: null,
    createdAt: AT,
    updatedAt: AT,
    timeline: [{ from: null, to: 'RECEIVED', cause: 'order accepted', at: AT }],
  };
  const createOrder = {
    externalId: 'PX-1001',
    currency: 'USD',
    lines: [line],
    customer: { email: DEMO_CUSTOMER.email, firstName: DEMO_CUSTOMER.firstName, lastName: DEMO_CUSTOMER.lastName },
    shippingAddress: ADDRESS,
    paymentStatus: 'paid',
  };
  const posBatch = {
    storeId: 'store-sf-01',
    registerId: 'reg-2',
    sales: [{ saleId: 'S-000123', occurredAt: AT, currency: 'USD', lines: [line], tenders: [{ type: 'card', amountMinor: price }] }],
  };
  return {
    CreateOrderDto: createOrder,
    PlaceOrderDto: { ...createOrder, channel: 'partner', externalId: 'partner-x:PX-1001', partnerId: 'partner-x' },
    OrderDto: order,
    PosSalesBatchDto: posBatch,
    PosSalesResultDto: { storeId: 'store-sf-01', results: [{ saleId: 'S-000123', status: 'accepted', orderId: ORDER_ID }] },
    WebhookAckDto: { status: 'accepted', deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', topic: 'orders/create' },
    ErpProductDto: { sku: item.sku, name: item.name, listPriceMinor: price, currency: 'USD' },
    CrmContactDto: {
      contactId: 'CRM-0001',
      email: DEMO_CUSTOMER.email,
      phone: DEMO_CUSTOMER.phone,
      firstName: 'Ada',
      lastName: 'Demo',
      customerKeys: ['email:ada.demo@example.com'],
    },
    CrmContactRequestDto: {
      customerKey: 'email:ada.demo@example.com',
      email: DEMO_CUSTOMER.email,
      firstName: 'Ada',
      lastName: 'Demo',
      source: 'storefront',
    },
  };
}
