import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventType } from '@weft/events';
import { DomainError, ErrorCode } from '@weft/problem';
import {
  allocate,
  buildPosting,
  CanonicalOrder,
  CreateReturnDto,
  PosReturnDto,
  PosReturnResultDto,
  PosReturnsBatchDto,
  PosReturnsResultDto,
  ReturnDto,
  ReturnReceiptDto,
} from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { OrderStore } from '../orders/order.store';
import { ProcessConfig } from '../process.config';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';
import { creditSplit, refundForUnits } from './refund-amounts';
import { checkReturnPolicy } from './return-policy';
import { ReturnLine, ReturnRecord } from './return.entity';
import { ReturnState } from './return-state';
import { ReturnChange, ReturnStore } from './return.store';
import { receivedChange } from './return-to-refund.workflow';
import { mapReturn } from './returns.mapper';
import { ReturnsRunner } from './returns.runner';

export const DEFAULT_RETURN_LOCATION = 'WH-MAIN';

export interface ChannelRefund {
  refundKey: string;
  orderKey: string;
  /** taxMinor: the tax inside refundMinor, when the channel states it. */
  lines: { sku: string; quantity: number; refundMinor: number; taxMinor?: number }[];
  refundTotalMinor: number;
  restock: boolean;
  note: string;
}

function returnedBySku(returns: ReturnRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of returns) {
    if (r.state === ReturnState.DECLINED) continue;
    for (const l of JSON.parse(r.lines) as ReturnLine[]) m.set(l.sku, (m.get(l.sku) ?? 0) + l.quantity);
  }
  return m;
}

@Injectable()
export class ReturnsService {
  constructor(
    private readonly store: ReturnStore,
    private readonly orders: OrderStore,
    private readonly runner: ReturnsRunner,
    private readonly config: ProcessConfig,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async get(id: string): Promise<ReturnDto> {
    const r = await this.store.findById(id);
    if (!r) throw new DomainError(ErrorCode.NOT_FOUND, `No return ${id}`);
    return mapReturn(r, await this.store.timeline(r.id));
  }

  async forOrder(orderId: string): Promise<ReturnDto[]> {
    const rows = await this.store.forOrder(orderId);
    return Promise.all(rows.map(async (r) => mapReturn(r, await this.store.timeline(r.id))));
  }

  private record(order: OrderRecord, businessKey: string, lines: ReturnLine[], over: Partial<ReturnRecord>): ReturnRecord {
    const now = new Date().toISOString();
    const doc = JSON.parse(order.document) as CanonicalOrder;
    return {
      id: randomUUID(),
      businessKey,
      orderId: order.id,
      channel: order.channel,
      state: ReturnState.REQUESTED,
      lines: JSON.stringify(lines),
      currency: doc.currency,
      refundTotalMinor: lines.reduce((a, l) => a + l.refundMinor, 0),
      refundedByChannel: false,
      autoReceipt: null,
      erpCreditNoteId: null,
      refundId: null,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      resumeState: null,
      waitingSince: null,
      leaseUntil: null,
      leaseOwner: null,
      createdAt: now,
      updatedAt: now,
      ...over,
    };
  }

  private async fulfilled(order: OrderRecord): Promise<Map<string, number>> {
    if (!order.erpSalesOrderId) return new Map();
    const so = await this.system.getSalesOrder(order.erpSalesOrderId);
    const m = new Map<string, number>();
    for (const l of so.lines) m.set(l.sku, (m.get(l.sku) ?? 0) + l.shippedQuantity);
    return m;
  }

  /** An RMA: the policy is checked under a lock on the order, so two requests cannot over-return it. */
  async create(dto: CreateReturnDto): Promise<ReturnDto> {
    const order = await this.orders.findById(dto.orderId);
    if (!order) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${dto.orderId}`);
    const fulfilled = await this.fulfilled(order);
    const id = await this.store.uow.run(async (m) => {
      const locked = (await this.orders.lock(m, order.id))!;
      const doc = JSON.parse(locked.document) as CanonicalOrder;
      const returned = returnedBySku(await m.findBy(ReturnRecord, { orderId: order.id }));
      const violation = checkReturnPolicy(doc, dto.lines, fulfilled, returned, this.config.returnPolicy, new Date());
      if (violation) throw new DomainError(ErrorCode.BUSINESS_RULE, violation.detail, { extensions: { rule: violation.rule } });
      const seen = new Map(returned);
      const posting = buildPosting(doc);
      const lines: ReturnLine[] = dto.lines.map((l) => {
        // The posting line carries the order-level discount share too, so the refund is what was really paid.
        const line = posting.lines.find((o) => o.sku === l.sku)!;
        const before = seen.get(l.sku) ?? 0;
        const refundMinor = refundForUnits(line, l.quantity, before, posting.taxesIncluded);
        seen.set(l.sku, before + l.quantity);
        return {
          sku: l.sku,
          quantity: l.quantity,
          reasonCode: l.reasonCode,
          condition: l.condition,
          refundMinor,
          ...creditSplit(line, l.quantity, before),
        };
      });
      const record = this.record(locked, `rma:${randomUUID()}`, lines, {});
      await this.store.insert(m, record, [approved(record, 'requested by the channel; policy checks passed')]);
      return record.id;
    });
    return this.get(id);
  }

  /** The warehouse or store received the goods: restock lines go back to stock at their location. */
  async receipt(id: string, dto: ReturnReceiptDto): Promise<ReturnDto> {
    const r = await this.store.findById(id);
    if (!r) throw new DomainError(ErrorCode.NOT_FOUND, `No return ${id}`);
    if (r.state !== ReturnState.APPROVED) {
      if (r.state === ReturnState.REQUESTED || r.state === ReturnState.DECLINED)
        throw new DomainError(ErrorCode.CONFLICT, `Return ${id} is ${r.state}`);
      return this.get(id);
    }
    const expected = new Map((JSON.parse(r.lines) as ReturnLine[]).map((l) => [l.sku, l.quantity]));
    const got = new Map<string, number>();
    for (const l of dto.lines) got.set(l.sku, (got.get(l.sku) ?? 0) + l.quantity);
    for (const [sku, qty] of got) {
      if (qty > (expected.get(sku) ?? 0))
        throw new DomainError(ErrorCode.BUSINESS_RULE, `Receipt of ${qty} × ${sku} exceeds the return's ${expected.get(sku) ?? 0}`, {
          extensions: { rule: 'receipt-quantity' },
        });
    }
    const byLocation = new Map<string, { sku: string; quantity: number }[]>();
    for (const l of dto.lines.filter((x) => x.disposition === 'restock')) {
      const loc = l.locationId ?? DEFAULT_RETURN_LOCATION;
      byLocation.set(loc, [...(byLocation.get(loc) ?? []), { sku: l.sku, quantity: l.quantity }]);
    }
    for (const [loc, lines] of byLocation)
      await this.system.receiveReturn({ receiptKey: `${r.businessKey}:receipt:${loc}`, locationId: loc, lines });
    const disposed = dto.lines.filter((x) => x.disposition === 'dispose').map((l) => `${l.quantity}×${l.sku}`);
    const restocked = [...byLocation.values()].flat();
    const cause = `received: ${[...byLocation]
      .map(([loc, ls]) => `restocked ${ls.map((l) => `${l.quantity}×${l.sku}`).join(', ')} at ${loc}`)
      .concat(disposed.length ? [`disposed ${disposed.join(', ')}`] : [])
      .join('; ')}`;
    await this.store.uow.run(async (m) => {
      const current = await this.store.lock(m, id);
      if (current?.state !== ReturnState.APPROVED) return;
      await this.store.apply(m, current, {
        ...receivedChange([...byLocation.keys()].join(',') || 'none', restocked, cause),
        patch: { nextAttemptAt: new Date().toISOString() },
      });
    });
    this.runner.kick();
    return this.get(id);
  }

  /** Store returns: restocked at that store at once; the till already gave the money back. */
  async posReturns(batch: PosReturnsBatchDto): Promise<PosReturnsResultDto> {
    const results: PosReturnResultDto[] = [];
    for (const ret of batch.returns) results.push(await this.posReturn(batch, ret));
    this.runner.kick();
    return { storeId: batch.storeId, results };
  }

  private async posReturn(batch: PosReturnsBatchDto, ret: PosReturnDto): Promise<PosReturnResultDto> {
    const key = `pos-return:${batch.storeId}:${ret.returnId}`;
    const existing = await this.store.findByKey(key);
    if (existing) return { returnId: ret.returnId, status: 'duplicate', id: existing.id };
    const order = await this.orders.findByBusinessKey(`pos:${batch.storeId}:${ret.originalSaleId}`);
    if (!order) return { returnId: ret.returnId, status: 'rejected', reason: `sale ${ret.originalSaleId} is unknown at ${batch.storeId}` };
    const doc = JSON.parse(order.document) as CanonicalOrder;
    if (doc.currency !== ret.currency)
      return { returnId: ret.returnId, status: 'rejected', reason: `currency ${ret.currency} differs from the sale's ${doc.currency}` };
    const lines = this.splitLines(
      doc,
      ret.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, reasonCode: l.reasonCode ?? 'other', refundMinor: l.refundMinor })),
      await this.store.forOrder(order.id),
    );
    const violation = checkReturnPolicy(
      doc,
      lines,
      await this.fulfilled(order),
      returnedBySku(await this.store.forOrder(order.id)),
      { ...this.config.returnPolicy, reasonCodes: [...this.config.returnPolicy.reasonCodes, 'other'] },
      new Date(ret.occurredAt),
    );
    if (violation) return { returnId: ret.returnId, status: 'rejected', reason: `${violation.rule}: ${violation.detail}` };
    const restock = lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
    await this.system.receiveReturn({ receiptKey: `${key}:receipt`, locationId: batch.storeId, lines: restock });
    const record = this.record(order, key, lines, { refundedByChannel: true, nextAttemptAt: new Date().toISOString() });
    try {
      await this.store.uow.run((m) =>
        this.store.insert(m, record, [
          approved(record, `returned at ${batch.storeId} register ${batch.registerId}`),
          receivedChange(batch.storeId, restock, `restocked at ${batch.storeId} at once`),
        ]),
      );
    } catch (e) {
      const dup = await this.store.findByKey(key);
      if (dup) return { returnId: ret.returnId, status: 'duplicate', id: dup.id };
      throw e;
    }
    return { returnId: ret.returnId, status: 'accepted', id: record.id };
  }

  /** A refund made in the Shopify admin: recorded, credited in the ERP, restocked per restock_type, never refunded again. */
  async recordChannelRefund(refund: ChannelRefund): Promise<ReturnRecord | null> {
    const existing = await this.store.findByKey(refund.refundKey);
    if (existing) return existing;
    const order = await this.orders.findByBusinessKey(refund.orderKey);
    if (!order) return null;
    const lines = this.splitLines(
      JSON.parse(order.document) as CanonicalOrder,
      paidBack(refund).map((l) => ({
        sku: l.sku,
        quantity: l.quantity,
        reasonCode: 'other',
        refundMinor: l.refundMinor,
        taxMinor: l.taxMinor,
      })),
      await this.store.forOrder(order.id),
    );
    const restock = refund.restock ? lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) : [];
    const record = this.record(order, refund.refundKey, lines, {
      refundedByChannel: true,
      autoReceipt: JSON.stringify({ locationId: DEFAULT_RETURN_LOCATION, restock }),
      nextAttemptAt: new Date().toISOString(),
    });
    record.refundTotalMinor = refund.refundTotalMinor;
    try {
      await this.store.uow.run((m) =>
        this.store.insert(m, record, [approved(record, `refunded in the Shopify admin${refund.note ? ` (${refund.note})` : ''}`)]),
      );
    } catch (e) {
      const dup = await this.store.findByKey(refund.refundKey);
      if (dup) return dup;
      throw e;
    }
    this.runner.kick();
    return record;
  }

  /** Channel-stated refunds: the tax and discount split of each line, from the order's posting, after earlier returns. */
  private splitLines(doc: CanonicalOrder, lines: (ReturnLine & { taxMinor?: number })[], earlier: ReturnRecord[]): ReturnLine[] {
    const posting = buildPosting(doc);
    const seen = returnedBySku(earlier);
    return lines.map(({ taxMinor, ...l }) => {
      const line = posting.lines.find((o) => o.sku === l.sku);
      const before = seen.get(l.sku) ?? 0;
      seen.set(l.sku, before + l.quantity);
      return line ? { ...l, ...creditSplit(line, l.quantity, before, taxMinor) } : l;
    });
  }
}

/**
 * A channel refund's lines as the money actually paid back: when the refund transactions total less (or
 * more) than its line subtotals, as in Shopify's sample (lines 414.95, transactions 85.00), the paid-back
 * total is spread over the lines by largest remainder, tax in proportion, so the credit note matches it.
 */
function paidBack(refund: ChannelRefund): ChannelRefund['lines'] {
  const stated = refund.lines.reduce((a, l) => a + l.refundMinor, 0);
  if (stated === refund.refundTotalMinor || stated === 0 || refund.refundTotalMinor <= 0) return refund.lines;
  const parts = allocate(
    refund.refundTotalMinor,
    refund.lines.map((l) => l.refundMinor),
  );
  return refund.lines.map((l, i) => ({
    ...l,
    refundMinor: parts[i],
    ...(l.taxMinor && l.refundMinor ? { taxMinor: Math.round((l.taxMinor * parts[i]) / l.refundMinor) } : {}),
  }));
}

function approved(r: ReturnRecord, cause: string): ReturnChange {
  return {
    to: ReturnState.APPROVED,
    cause,
    events: [{ type: EventType.ReturnApproved, data: { channel: r.channel, refundTotalMinor: r.refundTotalMinor, currency: r.currency } }],
  };
}
