type Json = Record<string, unknown>;

const money = (set: unknown): string | undefined => ((set as Json | null)?.shopMoney as Json | undefined)?.amount as string | undefined;
const tail = (gid: unknown): string | undefined => (typeof gid === 'string' ? /\/(\d+)(\?.*)?$/.exec(gid)?.[1] : undefined);

function address(a: unknown): Json | null {
  const x = a as Json | null;
  if (!x) return null;
  return {
    name: x.name,
    first_name: x.firstName,
    last_name: x.lastName,
    address1: x.address1,
    address2: x.address2,
    city: x.city,
    province_code: x.provinceCode,
    zip: x.zip,
    country_code: x.countryCodeV2,
    phone: x.phone,
  };
}

/**
 * A GraphQL Order (as WeftOrdersUpdatedSince selects it) in the shape of an orders/updated webhook
 * body, the fields Weft's intake reads, so a caught-up order takes exactly the webhook's path.
 */
export function orderAsWebhookBody(o: Json): Json {
  const customer = o.customer as Json | null;
  const lines = ((o.lineItems as Json | undefined)?.nodes as Json[] | undefined) ?? [];
  return {
    id: tail(o.id),
    admin_graphql_api_id: o.id,
    name: o.name,
    email: o.email ?? null,
    phone: o.phone ?? null,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt ?? null,
    currency: o.currencyCode,
    financial_status: typeof o.displayFinancialStatus === 'string' ? o.displayFinancialStatus.toLowerCase() : 'pending',
    subtotal_price: money(o.subtotalPriceSet),
    total_discounts: money(o.totalDiscountsSet),
    total_tax: money(o.totalTaxSet),
    total_price: money(o.totalPriceSet),
    total_shipping_price_set: { shop_money: { amount: money(o.totalShippingPriceSet), currency_code: o.currencyCode } },
    customer: customer
      ? {
          id: tail(customer.id),
          admin_graphql_api_id: customer.id,
          first_name: customer.firstName,
          last_name: customer.lastName,
          email: (customer.defaultEmailAddress as Json | null)?.emailAddress ?? null,
          phone: (customer.defaultPhoneNumber as Json | null)?.phoneNumber ?? null,
        }
      : null,
    shipping_address: address(o.shippingAddress),
    billing_address: address(o.billingAddress),
    line_items: lines.map((li) => ({
      id: tail(li.id),
      admin_graphql_api_id: li.id,
      sku: li.sku ?? null,
      title: li.title,
      quantity: li.quantity,
      variant_id: tail((li.variant as Json | null)?.id) ?? null,
      price: money(li.originalUnitPriceSet),
      total_discount: money(li.totalDiscountSet) ?? '0.00',
      tax_lines: ((li.taxLines as Json[] | undefined) ?? []).map((t) => ({ price: money(t.priceSet) })),
    })),
  };
}
