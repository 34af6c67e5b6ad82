import { CUSTOMER_ATTRIBUTES, CustomerAttribute, CustomerAttributes, CustomerSystem } from './customer-attributes';

/** Which system is the record of each attribute; an attribute without an owner is last-writer-wins. */
export type AttributeOwners = Partial<Record<CustomerAttribute, CustomerSystem>>;

export const DEFAULT_ATTRIBUTE_OWNERS: AttributeOwners = {
  marketingConsent: 'crm',
  creditTerms: 'erp',
  billingAddress: 'erp',
  defaultShippingAddress: 'shopify',
  firstName: 'crm',
  lastName: 'crm',
  email: 'crm',
  phone: 'crm',
  loyaltyId: 'pos',
};

export interface AttributeChange {
  attribute: CustomerAttribute;
  from: unknown;
  to: unknown;
}

export interface OwnershipDecision {
  /** The attributes to write (only those that change). */
  patch: CustomerAttributes;
  applied: AttributeChange[];
  /** Values a non-owner sent for an attribute that already holds the owner's value: kept out, audited. */
  rejected: (AttributeChange & { owner: CustomerSystem })[];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function empty(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/**
 * Decides, attribute by attribute, what an update from `source` may change:
 *  - absent (undefined/null) incoming values say nothing and change nothing;
 *  - the owner always writes; an attribute with no owner is written by anyone;
 *  - a non-owner may fill an empty attribute, never overwrite a value.
 */
export function decideUpdate(
  current: CustomerAttributes,
  incoming: CustomerAttributes,
  source: CustomerSystem,
  owners: AttributeOwners,
): OwnershipDecision {
  const decision: OwnershipDecision = { patch: {}, applied: [], rejected: [] };
  for (const attribute of CUSTOMER_ATTRIBUTES) {
    const to = incoming[attribute];
    const from = current[attribute];
    if (empty(to) || same(from, to)) continue;
    const owner = owners[attribute];
    if (!owner || owner === source || empty(from)) {
      (decision.patch as Record<string, unknown>)[attribute] = to;
      decision.applied.push({ attribute, from: from ?? null, to });
    } else {
      decision.rejected.push({ attribute, from, to, owner });
    }
  }
  return decision;
}
