import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CronExpressionParser } from 'cron-parser';
import { Brackets, In, IsNull, LessThan, Repository } from 'typeorm';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { CanonicalOrder } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { OrderState } from '../orders/order-state';
import { ProcessConfig } from '../process.config';
import { ReturnLine, ReturnRecord } from '../returns/return.entity';
import { ReturnState } from '../returns/return-state';
import { ShopifyChannelConfig } from '../shopify/shopify-channel.config';
import { shopifyOrderRef } from '../shopify/shopify-order-ref';
import { SHOPIFY_SYSTEM_PORT, ShopifySystemPort } from '../shopify/shopify-system.port';
import { ErpPostingsView, SYSTEM_PORT, SystemPort } from '../system/system.port';
import { ReconciliationAuditRecord, ReconciliationRunRecord, ReconciliationVarianceRecord } from './reconciliation.entities';
import { CREDITED, orderVariances, returnVariances, ShopifyPayments, shopifyRefundVariances, VarianceDraft } from './variance-rules';

const iso = (ms = Date.now()): string => new Date(ms).toISOString();

/**
 * Works reconciliation runs page by page: a keyset page of orders (then returns) in the window, read
 * without locks so intake never waits; the ERP's postings for the page in one call; variances stored;
 * the cursor saved. A run whose lease lapsed (its instance died) is taken over and continues from its
 * cursor. Also starts the nightly run on RECONCILIATION_CRON, once across instances.
 */
@Injectable()
export class ReconciliationRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciliation');
  private readonly owner = randomUUID();
  private readonly startedAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly active = new Set<string>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly config: ProcessConfig,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
    @Inject(SHOPIFY_SYSTEM_PORT) private readonly shopify: ShopifySystemPort,
    private readonly shopifyConfig: ShopifyChannelConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsBackgroundWork) return;
    this.timer = setInterval(() => void this.tick(), this.config.RECONCILIATION_POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
  }

  private runs(): Repository<ReconciliationRunRecord> {
    return this.uow.manager.getRepository(ReconciliationRunRecord);
  }

  /** Starts (or resumes) a run in the background. */
  kick(runId: string): void {
    void this.work(runId);
  }

  private async tick(): Promise<void> {
    if (this.stopping) return;
    try {
      await this.schedule();
      const lapsed = await this.uow.serialised(() =>
        this.runs().find({
          where: [
            { state: 'RUNNING', leaseUntil: LessThan(iso()) },
            { state: 'RUNNING', leaseUntil: IsNull() },
          ],
          take: 5,
        }),
      );
      for (const r of lapsed) this.kick(r.id);
    } catch (e) {
      this.logger.warn(`reconciliation tick failed: ${String(e)}`);
    }
  }

  /** The latest cron tick since this process started gets its run: the window is the interval before it. */
  private async schedule(): Promise<void> {
    if (!this.config.RECONCILIATION_CRON) return;
    const cron = CronExpressionParser.parse(this.config.RECONCILIATION_CRON, { currentDate: new Date(), tz: 'UTC' });
    const tick = cron.prev().toDate();
    if (tick.getTime() < this.startedAt) return;
    const before = cron.prev().toDate();
    const run = newRun(before.toISOString(), tick.toISOString(), 'schedule', 'scheduler');
    run.scheduleKey = tick.toISOString();
    try {
      await this.uow.run((m) => m.insert(ReconciliationRunRecord, run));
      this.kick(run.id);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }

  private async claim(runId: string): Promise<boolean> {
    const now = iso();
    const result = await this.uow.run((m) =>
      m
        .createQueryBuilder()
        .update(ReconciliationRunRecord)
        .set({ leaseOwner: this.owner, leaseUntil: iso(Date.now() + this.config.RECONCILIATION_LEASE_MS) })
        .where('"id" = :id AND "state" = :state', { id: runId, state: 'RUNNING' })
        .andWhere(
          new Brackets((q) =>
            q.where('"leaseUntil" IS NULL').orWhere('"leaseUntil" < :now', { now }).orWhere('"leaseOwner" = :owner', { owner: this.owner }),
          ),
        )
        .execute(),
    );
    return (result.affected ?? 0) > 0;
  }

  private async work(runId: string): Promise<void> {
    if (this.active.has(runId)) return;
    this.active.add(runId);
    try {
      if (!(await this.claim(runId))) return;
      for (;;) {
        if (this.stopping) return;
        const run = await this.uow.serialised(() => this.runs().findOneByOrFail({ id: runId }));
        if (run.state !== 'RUNNING' || run.leaseOwner !== this.owner) return;
        if (run.phase === 'done') {
          await this.uow.run((m) =>
            m.update(ReconciliationRunRecord, { id: runId }, { state: 'COMPLETED', finishedAt: iso(), leaseUntil: null }),
          );
          return;
        }
        await this.page(run);
      }
    } catch (e) {
      // An instance going away leaves the run RUNNING: its lease lapses and another instance continues it.
      if (this.stopping || e instanceof LeaseLost) return;
      this.logger.error(`reconciliation run ${runId} failed: ${String(e)}`);
      await this.uow
        .run((m) =>
          m.update(
            ReconciliationRunRecord,
            { id: runId, leaseOwner: this.owner },
            { state: 'FAILED', error: String(e).slice(0, 2000), finishedAt: iso(), leaseUntil: null },
          ),
        )
        .catch(() => undefined);
    } finally {
      this.active.delete(runId);
    }
  }

  /** One keyset page of the current phase; an empty page moves the run to the next phase. */
  private async page(run: ReconciliationRunRecord): Promise<void> {
    const size = this.config.RECONCILIATION_PAGE_SIZE;
    const entity = run.phase === 'orders' ? OrderRecord : ReturnRecord;
    const rows = await this.uow.serialised(() => {
      const q = this.uow.manager
        .getRepository<OrderRecord | ReturnRecord>(entity)
        .createQueryBuilder('x')
        .where('x."createdAt" >= :from AND x."createdAt" < :to', { from: run.fromAt, to: run.toAt });
      // A row-value comparison, so the index on (createdAt, id) starts at the cursor; the OR spelling of the
      // same predicate is only a filter, and every page would re-read the window from its start.
      if (run.cursorAt && run.cursorId) q.andWhere('(x."createdAt", x."id") > (:at, :cid)', { at: run.cursorAt, cid: run.cursorId });
      return q.orderBy('x."createdAt"', 'ASC').addOrderBy('x."id"', 'ASC').limit(size).getMany();
    });
    if (rows.length === 0) {
      const next = run.phase === 'orders' ? 'returns' : 'done';
      await this.uow.run(async (m) =>
        owned(
          await m.update(ReconciliationRunRecord, { id: run.id, leaseOwner: this.owner }, { phase: next, cursorAt: null, cursorId: null }),
        ),
      );
      return;
    }
    const found = run.phase === 'orders' ? await this.orderPage(rows as OrderRecord[]) : await this.returnPage(rows as ReturnRecord[]);
    const last = rows[rows.length - 1];
    let added = 0;
    await this.uow.run(async (m) => {
      for (const f of found) {
        // Unique per (run, subject, type): a page re-done after a crash stores nothing twice.
        const exists = await m.findOneBy(ReconciliationVarianceRecord, { runId: run.id, subjectKey: f.row.subjectKey, type: f.row.type });
        if (exists) continue;
        await m.insert(ReconciliationVarianceRecord, { ...f.row, runId: run.id });
        await m.insert(ReconciliationAuditRecord, {
          id: randomUUID(),
          varianceId: f.row.id,
          action: 'found',
          actor: `run:${run.id}`,
          note: f.row.detail,
          at: iso(),
        });
        added++;
      }
      const counts =
        run.phase === 'orders' ? { ordersChecked: run.ordersChecked + rows.length } : { returnsChecked: run.returnsChecked + rows.length };
      const saved = await m.update(
        ReconciliationRunRecord,
        { id: run.id, leaseOwner: this.owner },
        {
          ...counts,
          varianceCount: run.varianceCount + added,
          cursorAt: last.createdAt,
          cursorId: last.id,
          leaseUntil: iso(Date.now() + this.config.RECONCILIATION_LEASE_MS),
        },
      );
      // Rolls the page's variances back too: the instance that took the run over redoes the page.
      owned(saved);
    });
  }

  private async postings(keys: string[]): Promise<Map<string, ErpPostingsView>> {
    const map = new Map<string, ErpPostingsView>();
    for (let i = 0; i < keys.length; i += 500) {
      for (const p of await this.system.listPostings(keys.slice(i, i + 500))) map.set(p.externalReference, p);
    }
    return map;
  }

  private async orderPage(orders: OrderRecord[]): Promise<{ row: ReconciliationVarianceRecord }[]> {
    const erp = await this.postings([
      ...new Set(orders.filter((o) => o.erpSalesOrderId || o.state !== OrderState.CANCELLED).map((o) => o.businessKey)),
    ]);
    const shop = await this.shopifyPayments(orders);
    return orders.flatMap((o) => {
      const doc = JSON.parse(o.document) as CanonicalOrder;
      const facts = { ...o, doc };
      const posted = erp.get(o.businessKey);
      return [...orderVariances(facts, posted, shop.get(o.id)), ...shopifyRefundVariances(facts, posted, shop.get(o.id))].map((d) => ({
        row: toRow(d, 'order', o.businessKey, doc, o.channel, doc.placedAt),
      }));
    });
  }

  /**
   * For Shopify orders of shops with Admin API access: what the shop captured and refunded (its
   * transactions, read through system-api), and what Weft's own returns of each order refunded.
   */
  private async shopifyPayments(orders: OrderRecord[]): Promise<Map<string, ShopifyPayments>> {
    const out = new Map<string, ShopifyPayments>();
    if (this.shopifyConfig.writeBack !== 'admin-api') return out;
    const candidates = orders.map((o) => ({ o, ref: shopifyOrderRef(o.businessKey) })).filter((x) => x.ref);
    if (candidates.length === 0) return out;
    const shops = await this.shopify.shops();
    const byShop = new Map<string, Map<string, OrderRecord>>();
    for (const { o, ref } of candidates) {
      // A key without its shop is from a one-shop setup: the first shop.
      const shop = ref!.shop ?? shops[0];
      if (!shop || !shops.includes(shop)) continue;
      const group = byShop.get(shop) ?? new Map<string, OrderRecord>();
      group.set(`gid://shopify/Order/${ref!.orderId}`, o);
      byShop.set(shop, group);
    }
    if (byShop.size === 0) return out;
    const ids = [...byShop.values()].flatMap((g) => [...g.values()].map((o) => o.id));
    const returns = await this.uow.serialised(() => this.uow.manager.findBy(ReturnRecord, { orderId: In(ids) }));
    const weftRefunded = new Map<string, number>();
    for (const r of returns) {
      if (CREDITED.has(r.state as ReturnState)) weftRefunded.set(r.orderId, (weftRefunded.get(r.orderId) ?? 0) + r.refundTotalMinor);
    }
    for (const [shop, group] of byShop) {
      const gids = [...group.keys()];
      for (let i = 0; i < gids.length; i += 500) {
        for (const t of await this.shopify.orderTransactions(shop, gids.slice(i, i + 500))) {
          const o = group.get(t.orderId);
          if (!o) continue;
          const ok = t.transactions.filter((x) => x.status === 'SUCCESS');
          out.set(o.id, {
            captures: ok.filter((x) => x.kind === 'SALE' || x.kind === 'CAPTURE').map((x) => ({ id: x.id, amountMinor: x.amountMinor })),
            refunds: ok.filter((x) => x.kind === 'REFUND').map((x) => ({ id: x.id, amountMinor: x.amountMinor })),
            weftRefundedMinor: weftRefunded.get(o.id) ?? 0,
          });
        }
      }
    }
    return out;
  }

  private async returnPage(returns: ReturnRecord[]): Promise<{ row: ReconciliationVarianceRecord }[]> {
    const orderIds = [...new Set(returns.map((r) => r.orderId))];
    const orders = await this.uow.serialised(() => this.uow.manager.findBy(OrderRecord, { id: In(orderIds) }));
    const byId = new Map(orders.map((o) => [o.id, o]));
    const erp = await this.postings([...new Set(orders.filter((o) => o.erpSalesOrderId).map((o) => o.businessKey))]);
    return returns.flatMap((r) => {
      const order = byId.get(r.orderId);
      if (!order) return [];
      const doc = JSON.parse(order.document) as CanonicalOrder;
      const facts = {
        ...r,
        state: r.state as ReturnState,
        lines: JSON.parse(r.lines) as ReturnLine[],
        orderSalesOrderId: order.erpSalesOrderId,
      };
      return returnVariances(facts, erp.get(order.businessKey)).map((d) => ({
        row: toRow(d, 'return', r.businessKey, doc, r.channel, r.createdAt),
      }));
    });
  }
}

/** This instance's lease lapsed and another instance took the run over. */
class LeaseLost extends Error {}

function owned(result: { affected?: number | null }): void {
  if (!result.affected) throw new LeaseLost('reconciliation lease lost');
}

export function newRun(fromAt: string, toAt: string, trigger: 'demand' | 'schedule', requestedBy: string): ReconciliationRunRecord {
  return {
    id: randomUUID(),
    state: 'RUNNING',
    fromAt,
    toAt,
    trigger,
    scheduleKey: null,
    requestedBy,
    phase: 'orders',
    cursorAt: null,
    cursorId: null,
    ordersTotal: 0,
    ordersChecked: 0,
    returnsTotal: 0,
    returnsChecked: 0,
    varianceCount: 0,
    error: null,
    leaseUntil: null,
    leaseOwner: null,
    startedAt: iso(),
    finishedAt: null,
  };
}

function toRow(
  d: VarianceDraft,
  subject: 'order' | 'return',
  subjectKey: string,
  doc: CanonicalOrder,
  channel: string,
  occurredAt: string,
): ReconciliationVarianceRecord {
  return {
    id: randomUUID(),
    runId: '',
    type: d.type,
    state: 'OPEN',
    subject,
    subjectKey,
    channel,
    shop: doc.shop ?? null,
    currency: doc.currency,
    weftAmountMinor: d.weftAmountMinor,
    erpAmountMinor: d.erpAmountMinor,
    differenceMinor: d.erpAmountMinor - d.weftAmountMinor,
    weftDocuments: JSON.stringify(d.weftDocuments),
    erpDocuments: JSON.stringify(d.erpDocuments),
    detail: d.detail.slice(0, 500),
    occurredAt,
    createdAt: iso(),
    resolvedBy: null,
    resolutionNote: null,
    resolvedAt: null,
  };
}
