import { Pool } from 'pg';

/** At or past the ERP's acceptance: where a paid order rests until it is fulfilled. */
export const ACCEPTED = new Set(['ACCEPTED_BY_ERP', 'PARTIALLY_FULFILLED', 'FULFILLED', 'INVOICED', 'COMPLETED']);

export interface OrderRow {
  id: string;
  businessKey: string;
  channel: string;
  externalId: string;
  state: string;
  erpSalesOrderId: string | null;
  reservationKey: string | null;
}

export interface Backlog {
  orders: number;
  byState: Record<string, number>;
  accepted: number;
  failed: number;
  /** Outbox rows not yet published (and not dead-lettered), per app. */
  outbox: Record<string, number>;
  deadLetters: Record<string, number>;
  webhooksStored: number;
}

/**
 * Reads the suite's own database directly: process-api's orders, the reference ERP's tables (the ERP's
 * own store) and every app's outbox. Nothing here goes through the apps, so a check cannot be fooled by them.
 */
export class Ledger {
  private readonly pool: Pool;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.pool = new Pool({ connectionString: url, max: 2, application_name: 'weft-chaos-probe' });
    this.pool.on('error', () => undefined);
  }

  private s(app: string): string {
    return `"${this.prefix}_${app}"`;
  }

  private async rows<T>(sql: string): Promise<T[]> {
    return (await this.pool.query(sql)).rows as T[];
  }

  async backlog(): Promise<Backlog> {
    const states = await this.rows<{ state: string; n: string }>(
      `SELECT state, COUNT(*) AS n FROM ${this.s('process')}.orders GROUP BY state`,
    );
    const byState = Object.fromEntries(states.map((r) => [r.state, Number(r.n)]));
    const outbox: Record<string, number> = {};
    const deadLetters: Record<string, number> = {};
    for (const app of ['experience', 'process', 'system']) {
      const [o] = await this.rows<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${this.s(app)}.outbox WHERE "publishedAt" IS NULL AND "deadLetteredAt" IS NULL`,
      ).catch(() => [{ n: '0' }]);
      outbox[app] = Number(o.n);
      const [d] = await this.rows<{ n: string }>(
        `SELECT COUNT(*) AS n FROM ${this.s(app)}.dead_letters WHERE "replayedAt" IS NULL AND "discardedAt" IS NULL`,
      ).catch(() => [{ n: '0' }]);
      deadLetters[app] = Number(d.n);
    }
    const [inbox] = await this.rows<{ n: string }>(`SELECT COUNT(*) AS n FROM ${this.s('experience')}.shopify_inbox`);
    const orders = Object.values(byState).reduce((a, b) => a + b, 0);
    const accepted = Object.entries(byState).reduce((a, [k, v]) => a + (ACCEPTED.has(k) ? v : 0), 0);
    return { orders, byState, accepted, failed: byState.FAILED ?? 0, outbox, deadLetters, webhooksStored: Number(inbox.n) };
  }

  orders(): Promise<OrderRow[]> {
    return this.rows<OrderRow>(
      `SELECT id, "businessKey", channel, "externalId", state, "erpSalesOrderId", "reservationKey" FROM ${this.s('process')}.orders`,
    );
  }

  erpSalesOrders(): Promise<{ id: string; externalReference: string; state: string; reservationKey: string | null }[]> {
    return this.rows(`SELECT id, "externalReference", state, "reservationKey" FROM ${this.s('system')}.erp_sales_orders`);
  }

  erpReservations(): Promise<{ reservationKey: string; state: string; lines: string }[]> {
    return this.rows(`SELECT "reservationKey", state, lines FROM ${this.s('system')}.erp_reservations`);
  }

  erpStock(): Promise<{ sku: string; locationId: string; onHand: number; reserved: number }[]> {
    return this.rows(`SELECT sku, "locationId", "onHand", reserved FROM ${this.s('system')}.erp_stock`);
  }

  /** Open holds in process-api's availability ledger (fed by the inventory events). */
  openHolds(): Promise<{ orderKey: string; sku: string; quantity: number }[]> {
    return this.rows(`SELECT "orderKey", sku, quantity FROM ${this.s('process')}.inventory_holds WHERE open`);
  }

  deadLetterSamples(): Promise<{ app: string; consumer: string; type: string; error: string }[]> {
    return Promise.all(
      ['experience', 'process', 'system'].map((app) =>
        this.rows<{ consumer: string; type: string; error: string }>(
          `SELECT consumer, type, LEFT(error, 300) AS error FROM ${this.s(app)}.dead_letters WHERE "replayedAt" IS NULL AND "discardedAt" IS NULL LIMIT 5`,
        )
          .then((r) => r.map((x) => ({ app, ...x })))
          .catch(() => []),
      ),
    ).then((all) => all.flat());
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface Verdict {
  checks: Check[];
  figures: Record<string, number>;
}

const sample = (xs: string[]): string => (xs.length ? `${xs.length}: ${xs.slice(0, 5).join(', ')}${xs.length > 5 ? ', …' : ''}` : 'none');

/** The assertions of issue 13's chaos suite, over the database after the drain. */
export async function verify(
  ledger: Ledger,
  expected: {
    shop: string;
    webhookOrderIds: string[];
    /** Every Idempotency-Key posted, with the order ids its 201s named (none if it never got one). */
    storefront: Map<string, Set<string>>;
    storefrontExternalId: (key: string) => string;
    webhook5xx: number;
  },
): Promise<Verdict> {
  const orders = await ledger.orders();
  const sos = await ledger.erpSalesOrders();
  const reservations = await ledger.erpReservations();
  const stock = await ledger.erpStock();
  const checks: Check[] = [];
  const check = (name: string, bad: string[], extra = ''): void => {
    checks.push({ name, ok: bad.length === 0, detail: bad.length ? `${sample(bad)}${extra}` : `ok${extra}` });
  };

  const shopify = orders.filter((o) => o.channel === 'shopify');
  const byExternal = new Map<string, OrderRow[]>();
  for (const o of shopify) byExternal.set(o.externalId, [...(byExternal.get(o.externalId) ?? []), o]);
  const wanted = expected.webhookOrderIds.map((id) => `${expected.shop}:${id}`);
  const wantedSet = new Set(wanted);
  check(
    'every unique webhook order is in Weft (none lost)',
    wanted.filter((k) => !byExternal.has(k)),
  );
  check(
    'no webhook order twice in Weft',
    [...byExternal].filter(([, v]) => v.length > 1).map(([k]) => k),
  );
  check(
    'no Weft order that was never sent',
    shopify.filter((o) => !wantedSet.has(o.externalId)).map((o) => o.externalId),
  );

  const soByRef = new Map<string, typeof sos>();
  for (const so of sos) soByRef.set(so.externalReference, [...(soByRef.get(so.externalReference) ?? []), so]);
  const inErp = (o: OrderRow): string | undefined => {
    const found = soByRef.get(o.businessKey) ?? [];
    if (found.length !== 1) return `${o.businessKey} (${found.length} ERP orders)`;
    if (o.erpSalesOrderId !== found[0].id) return `${o.businessKey} (Weft says ${o.erpSalesOrderId}, ERP has ${found[0].id})`;
    if (found[0].state === 'cancelled') return `${o.businessKey} (ERP order cancelled)`;
    return undefined;
  };
  check(
    'every webhook order in the ERP exactly once',
    shopify.map(inErp).filter((x): x is string => !!x),
  );
  const weftKeys = new Set(orders.map((o) => o.businessKey));
  check(
    'no ERP sales order without its Weft order',
    sos.filter((so) => !weftKeys.has(so.externalReference)).map((so) => so.externalReference),
  );
  check(
    'no order FAILED',
    orders.filter((o) => o.state === 'FAILED').map((o) => o.businessKey),
  );
  check(
    'every order accepted by the ERP (drained)',
    orders.filter((o) => !ACCEPTED.has(o.state)).map((o) => `${o.businessKey}=${o.state}`),
  );

  // Storefront: each Idempotency-Key made at most one order, and every 201 named that one.
  const storefront = orders.filter((o) => o.channel !== 'shopify');
  const byExternalId = new Map<string, OrderRow[]>();
  for (const o of storefront) byExternalId.set(o.externalId, [...(byExternalId.get(o.externalId) ?? []), o]);
  const keyProblems: string[] = [];
  const ourExternalIds = new Set<string>();
  for (const [key, ids] of expected.storefront) {
    const externalId = expected.storefrontExternalId(key);
    ourExternalIds.add(externalId);
    const found = byExternalId.get(externalId) ?? [];
    if (found.length > 1) keyProblems.push(`${key}: ${found.length} orders`);
    else if (ids.size > 1) keyProblems.push(`${key}: answered with ${[...ids].join(' and ')}`);
    else if (ids.size === 1 && found[0]?.id !== [...ids][0])
      keyProblems.push(`${key}: 201 named ${[...ids][0]}, Weft has ${found[0]?.id ?? 'none'}`);
  }
  check('one storefront order per Idempotency-Key, the one every 201 named', keyProblems);
  check(
    'no storefront order from a key never sent',
    storefront.filter((o) => !ourExternalIds.has(o.externalId)).map((o) => o.externalId),
  );
  check(
    'every storefront order in the ERP exactly once',
    storefront.map(inErp).filter((x): x is string => !!x),
  );

  // Reservations: each held ERP reservation belongs to a live order, and the stock's reserved figures add up.
  const live = new Map(orders.filter((o) => o.state !== 'FAILED' && o.state !== 'CANCELLED').map((o) => [o.businessKey, o]));
  const held = reservations.filter((r) => r.state === 'held');
  check(
    'no reservation leaked (every held ERP reservation has a live order)',
    held.filter((r) => !live.has(r.reservationKey)).map((r) => r.reservationKey),
  );
  check(
    'no reservation twice per order',
    [...countBy(reservations.map((r) => r.reservationKey))].filter(([, n]) => n > 1).map(([k]) => k),
  );
  const heldQty = new Map<string, number>();
  for (const r of held) {
    for (const l of JSON.parse(r.lines) as { sku: string; quantity: number; locationId: string }[]) {
      heldQty.set(`${l.sku}@${l.locationId}`, (heldQty.get(`${l.sku}@${l.locationId}`) ?? 0) + l.quantity);
    }
  }
  check(
    "ERP stock's reserved figures equal the held reservations",
    stock
      .filter((s) => s.reserved !== (heldQty.get(`${s.sku}@${s.locationId}`) ?? 0))
      .map((s) => `${s.sku}@${s.locationId} reserved ${s.reserved}, held ${heldQty.get(`${s.sku}@${s.locationId}`) ?? 0}`),
  );
  check('0 webhook 5xx responses', expected.webhook5xx > 0 ? [`${expected.webhook5xx} answers`] : []);

  const holds = await ledger.openHolds().catch(() => []);
  return {
    checks,
    figures: {
      weftOrders: orders.length,
      weftShopifyOrders: shopify.length,
      weftStorefrontOrders: storefront.length,
      erpSalesOrders: sos.length,
      erpReservationsHeld: held.length,
      openLedgerHolds: holds.length,
      openLedgerHoldsWithoutLiveOrder: holds.filter((h) => !live.has(h.orderKey)).length,
    },
  };
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}
