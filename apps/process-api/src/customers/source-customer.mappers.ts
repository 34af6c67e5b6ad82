import { Address, CanonicalOrder, normaliseEmail, normalisePhone } from '@weft/retail-model';
import { gidTail, idString } from '../intake/lossless-json';
import { CustomerAttributes, CustomerSystem, SourceCustomer } from './customer-attributes';

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Only what a source actually said: undefined fields are dropped, so they never count as a change. */
export function defined(a: CustomerAttributes): CustomerAttributes {
  return Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined && v !== null)) as CustomerAttributes;
}

/** Identifiers are stored and matched normalised: e-mail trimmed and lower-cased, phone E.164. */
export function identifiers(email: unknown, phone: unknown): Pick<CustomerAttributes, 'email' | 'phone'> {
  return { email: normaliseEmail(str(email)), phone: normalisePhone(str(phone)) };
}

function shopifyAddress(a: unknown): Address | undefined {
  const x = (a ?? null) as Json | null;
  if (!x || !str(x.address1)) return undefined;
  return {
    name: str(x.name) ?? ([str(x.first_name), str(x.last_name)].filter(Boolean).join(' ') || undefined),
    line1: str(x.address1)!,
    line2: str(x.address2),
    city: str(x.city) ?? '',
    region: str(x.province_code) ?? str(x.province),
    postalCode: str(x.zip),
    countryCode: str(x.country_code) ?? 'US',
    phone: str(x.phone),
  };
}

function shopifyConsent(c: Json): boolean | undefined {
  const state = ((c.email_marketing_consent ?? null) as Json | null)?.state;
  if (typeof state === 'string') return state === 'subscribed';
  return typeof c.accepts_marketing === 'boolean' ? c.accepts_marketing : undefined;
}

/** customers/create|update payload (parsed losslessly): the gid keeps the exact customer id. */
export function mapShopifyCustomer(c: Json): SourceCustomer {
  return {
    system: 'shopify',
    systemId: gidTail(c.admin_graphql_api_id) ?? idString(c.id),
    attributes: defined({
      ...identifiers(c.email, c.phone),
      firstName: str(c.first_name),
      lastName: str(c.last_name),
      marketingConsent: shopifyConsent(c),
      defaultShippingAddress: shopifyAddress(c.default_address),
    }),
  };
}

/** The customer on an order: a till sale is keyed by its loyalty id, other channels by their customer id. */
export function mapOrderCustomer(doc: CanonicalOrder): SourceCustomer | undefined {
  const c = doc.customer;
  if (!c) return undefined;
  const attributes = defined({
    ...identifiers(c.email, c.phone),
    firstName: str(c.firstName),
    lastName: str(c.lastName),
    loyaltyId: str(c.loyaltyId),
  });
  if (!attributes.email && !attributes.phone && !attributes.loyaltyId && !c.externalId) return undefined;
  const system = doc.channel as CustomerSystem;
  return { system, systemId: system === 'pos' ? (str(c.loyaltyId) ?? str(c.externalId)) : str(c.externalId), attributes };
}
