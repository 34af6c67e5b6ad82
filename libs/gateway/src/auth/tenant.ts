import { DomainError, ErrorCode } from '@weft/problem';
import { Principal } from './principal';

/**
 * Whose data a channel token may see, from its claims: `partner_id` (a partner), `store_id` (a POS
 * register's store), `shop` or `channel` (a storefront). A token bound to none of them is `unbound`
 * and sees nothing that belongs to a tenant; reading across tenants takes an operator `…:read:all` scope.
 */
export type Tenant =
  { kind: 'partner'; id: string } | { kind: 'store'; id: string } | { kind: 'storefront'; id: string } | { kind: 'unbound' };

function claim(principal: Principal, name: string): string | undefined {
  const v = principal.claims[name];
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

export function tenantOf(principal: Principal): Tenant {
  const partner = principal.partnerId ?? claim(principal, 'partner_id');
  if (partner) return { kind: 'partner', id: partner };
  const store = claim(principal, 'store_id');
  if (store) return { kind: 'store', id: store };
  const storefront = claim(principal, 'shop') ?? claim(principal, 'channel');
  if (storefront) return { kind: 'storefront', id: storefront };
  return { kind: 'unbound' };
}

/** Operator scopes that read every tenant's data. */
export const CROSS_TENANT_SCOPES = { orders: 'orders:read:all', customers: 'customers:read:all' } as const;

export function readsAll(principal: Principal, resource: keyof typeof CROSS_TENANT_SCOPES): boolean {
  return principal.scopes.has(CROSS_TENANT_SCOPES[resource]);
}

/** The fields of an order that say whose it is. */
export interface TenantOwned {
  channel: string;
  externalId: string;
  partnerId: string | null;
}

/**
 * Whether `principal` may see `order`. POS orders are `<store>:<sale>` and storefront orders
 * `<shop or channel>:<ref>`, so the tenant is read from the external id the edge gave the order.
 */
export function ownsOrder(principal: Principal, order: TenantOwned): boolean {
  if (readsAll(principal, 'orders')) return true;
  const tenant = tenantOf(principal);
  switch (tenant.kind) {
    case 'partner':
      return order.partnerId === tenant.id;
    case 'store':
      return order.channel === 'pos' && order.externalId.startsWith(`${tenant.id}:`);
    case 'storefront':
      return (order.channel === 'storefront' || order.channel === 'shopify') && order.externalId.startsWith(`${tenant.id}:`);
    case 'unbound':
      return false;
  }
}

/** A POS token acts only for its own store: another store's batch is 403. */
export function assertStore(principal: Principal, storeId: string): void {
  const tenant = tenantOf(principal);
  if (tenant.kind !== 'store' || tenant.id !== storeId) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This token does not act for store ${storeId}: its store_id claim must name it.`);
  }
}
