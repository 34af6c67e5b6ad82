import { Address } from '@weft/retail-model';

/** Systems a customer record can come from (and, for crm/erp, be propagated to). */
export const CUSTOMER_SYSTEMS = ['shopify', 'pos', 'crm', 'erp', 'storefront', 'partner'] as const;
export type CustomerSystem = (typeof CUSTOMER_SYSTEMS)[number];

/** Systems a change is propagated to (the source system is always skipped). */
export const PROPAGATION_TARGETS = ['crm', 'erp'] as const;
export type PropagationTarget = (typeof PROPAGATION_TARGETS)[number];

export interface CustomerAttributes {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  loyaltyId?: string;
  marketingConsent?: boolean;
  creditTerms?: string;
  billingAddress?: Address;
  defaultShippingAddress?: Address;
}

export type CustomerAttribute = keyof CustomerAttributes;

export const CUSTOMER_ATTRIBUTES: readonly CustomerAttribute[] = [
  'firstName',
  'lastName',
  'email',
  'phone',
  'loyaltyId',
  'marketingConsent',
  'creditTerms',
  'billingAddress',
  'defaultShippingAddress',
];

/** A customer as one system knows it; identifiers already normalised (e-mail lower-case, phone E.164). */
export interface SourceCustomer {
  system: CustomerSystem;
  /** The system's own id (Shopify customer id, POS loyalty id, CRM contact id, ERP customer id). */
  systemId?: string;
  attributes: CustomerAttributes;
}

export function isCustomerSystem(v: string): v is CustomerSystem {
  return (CUSTOMER_SYSTEMS as readonly string[]).includes(v);
}
