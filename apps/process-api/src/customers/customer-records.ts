import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CustomerAttributes } from './customer-attributes';
import { CustomerAudit, GoldenCustomer } from './customer.entities';

export const CUSTOMER_SOURCE = '/weft/process-api/customers';
/** Emitted when a golden record's attributes change; the propagation consumer skips the source system. */
export const CUSTOMER_CHANGED = 'weft.customer.changed.v1';

export interface CustomerChangedData {
  goldenId: string;
  sourceSystem: string;
  attributes: string[];
}

export function attributesOf(g: GoldenCustomer): CustomerAttributes {
  return JSON.parse(g.attributes) as CustomerAttributes;
}

/** The indexed match keys follow the attributes. */
export function withAttributes(g: GoldenCustomer, a: CustomerAttributes, now: string): GoldenCustomer {
  return {
    ...g,
    attributes: JSON.stringify(a),
    email: a.email ?? null,
    phone: a.phone ?? null,
    loyaltyId: a.loyaltyId ?? null,
    updatedAt: now,
  };
}

export type AuditEntry = Pick<CustomerAudit, 'goldenId' | 'kind' | 'sourceSystem' | 'actor'> &
  Partial<Pick<CustomerAudit, 'attribute' | 'detail'>> & { from?: unknown; to?: unknown };

const text = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

export async function audit(m: EntityManager, entries: AuditEntry[], at: string): Promise<void> {
  if (entries.length === 0) return;
  await m.insert(
    CustomerAudit,
    entries.map((e) => ({
      id: randomUUID(),
      goldenId: e.goldenId,
      kind: e.kind,
      attribute: e.attribute ?? null,
      oldValue: text(e.from),
      newValue: text(e.to),
      sourceSystem: e.sourceSystem,
      actor: e.actor.slice(0, 200),
      detail: e.detail?.slice(0, 500) ?? null,
      at,
    })),
  );
}

/** Follows merge redirects to the surviving record. */
export async function resolveGolden(m: EntityManager, id: string): Promise<GoldenCustomer | null> {
  let g = await m.findOneBy(GoldenCustomer, { id });
  for (let hops = 0; g?.mergedInto && hops < 20; hops++) g = await m.findOneBy(GoldenCustomer, { id: g.mergedInto });
  return g;
}
