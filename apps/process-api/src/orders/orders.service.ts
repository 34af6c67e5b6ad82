import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, ErrorCode, isDomainError } from '@weft/problem';
import { CanonicalOrder, currencyExponent, OrderLine } from '@weft/retail-model';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';
import { OrderIntakeService, businessKey } from './order-intake.service';
import {
  OrderDto,
  OrderLineRequestDto,
  PlaceOrderDto,
  PosSaleDto,
  PosSaleResultDto,
  PosSalesBatchDto,
  PosSalesResultDto,
  mapOrder,
} from './orders.dto';
import { OrderStore } from './order.store';
import { Catalogue } from './catalogue';
import { StockLedger } from '../inventory/stock-ledger';

export const WEB_LOCATION = 'WH-MAIN';

function lines(input: OrderLineRequestDto[]): OrderLine[] {
  return input.map((l, i) => ({
    lineId: String(i + 1),
    sku: l.sku,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    discountMinor: l.discountMinor ?? 0,
    taxMinor: l.taxMinor ?? 0,
  }));
}

function totals(ls: OrderLine[], shippingMinor = 0): CanonicalOrder['totals'] {
  const subtotal = ls.reduce((a, l) => a + l.unitPriceMinor * l.quantity, 0);
  const discount = ls.reduce((a, l) => a + l.discountMinor, 0);
  const tax = ls.reduce((a, l) => a + l.taxMinor, 0);
  return {
    subtotalMinor: subtotal,
    discountMinor: discount,
    taxMinor: tax,
    shippingMinor,
    totalMinor: subtotal - discount + tax + shippingMinor,
  };
}

function checkCurrency(currency: string): void {
  try {
    currencyExponent(currency);
  } catch {
    throw new DomainError(ErrorCode.BUSINESS_RULE, `${currency} is not an ISO 4217 currency`, { extensions: { rule: 'currency' } });
  }
}

@Injectable()
export class OrdersService {
  constructor(
    private readonly store: OrderStore,
    private readonly intake: OrderIntakeService,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
    private readonly catalogue: Catalogue,
    private readonly ledger: StockLedger,
  ) {}

  async get(id: string): Promise<OrderDto> {
    const order = await this.store.findById(id);
    if (!order) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
    return mapOrder(order, await this.store.timeline(order.id));
  }

  async find(source: string, externalId: string): Promise<OrderDto[]> {
    const order = await this.store.findByBusinessKey(businessKey(source, externalId));
    return order ? [mapOrder(order, await this.store.timeline(order.id))] : [];
  }

  /** Checks lines against the ERP catalogue (as last read while the ERP is unavailable): every SKU known, every price the list price. */
  private async checkCatalogue(input: OrderLineRequestDto[], currency: string): Promise<void> {
    const skus = [...new Set(input.map((l) => l.sku))];
    const products = new Map((await this.catalogue.products(skus)).map((p) => [p.sku, p]));
    const unknown = skus.filter((s) => !products.has(s));
    if (unknown.length > 0)
      throw new DomainError(ErrorCode.BUSINESS_RULE, `Unknown SKU(s): ${unknown.join(', ')}`, {
        extensions: { rule: 'unknown-sku', skus: unknown },
      });
    const mismatched = input.filter(
      (l) => products.get(l.sku)!.listPriceMinor !== l.unitPriceMinor || products.get(l.sku)!.currency !== currency,
    );
    if (mismatched.length > 0) {
      throw new DomainError(ErrorCode.BUSINESS_RULE, `Price differs from the catalogue for ${mismatched.map((l) => l.sku).join(', ')}`, {
        extensions: {
          rule: 'price-mismatch',
          lines: mismatched.map((l) => ({
            sku: l.sku,
            sent: l.unitPriceMinor,
            catalogue: products.get(l.sku)!.listPriceMinor,
            currency: products.get(l.sku)!.currency,
          })),
        },
      });
    }
  }

  /**
   * Acceptance for storefronts and partners without the ERP: lines and prices are checked against the
   * catalogue and the stock held in Weft's ledger in the transaction that creates the order; on any
   * refusal nothing is created. The ERP gets the order from the workflow, which reserves it there.
   */
  async place(dto: PlaceOrderDto): Promise<{ order: OrderDto; created: boolean }> {
    checkCurrency(dto.currency);
    const externalId = dto.externalId ?? randomUUID();
    const key = businessKey(dto.channel, externalId);
    const existing = await this.store.findByBusinessKey(key);
    if (existing) return { order: mapOrder(existing, await this.store.timeline(existing.id)), created: false };
    await this.checkCatalogue(dto.lines, dto.currency);
    const ls = lines(dto.lines);
    await this.ledger.prepare(ls.map((l) => l.sku));
    const now = new Date().toISOString();
    const doc: CanonicalOrder = {
      channel: dto.channel,
      externalId,
      currency: dto.currency,
      lines: ls,
      totals: totals(ls, dto.shippingMinor),
      customer: dto.customer,
      shippingAddress: dto.shippingAddress,
      billingAddress: dto.shippingAddress,
      financialStatus: dto.paymentStatus,
      cancelled: false,
      locationId: WEB_LOCATION,
      partnerId: dto.partnerId,
      placedAt: now,
      sourceUpdatedAt: now,
    };
    const record = await this.intake.acceptChannelOrder(
      doc,
      `placed by ${dto.channel}${dto.partnerId ? ` partner ${dto.partnerId}` : ''}: stock held in Weft's ledger at ${WEB_LOCATION}`,
      {},
      (m) => this.ledger.hold(m, key, dto.channel, WEB_LOCATION, ls),
    );
    return { order: mapOrder(record, await this.store.timeline(record.id)), created: true };
  }

  /** An offline register's upload: each sale is judged on its own; a sale seen before is never applied twice. */
  async posSales(batch: PosSalesBatchDto): Promise<PosSalesResultDto> {
    const results: PosSaleResultDto[] = [];
    const seen = new Set<string>();
    for (const sale of batch.sales) {
      if (seen.has(sale.saleId)) {
        results.push({ saleId: sale.saleId, status: 'duplicate', reason: 'repeated in this batch' });
        continue;
      }
      seen.add(sale.saleId);
      results.push(await this.posSale(batch, sale));
    }
    return { storeId: batch.storeId, results };
  }

  private async posSale(batch: PosSalesBatchDto, sale: PosSaleDto): Promise<PosSaleResultDto> {
    const externalId = `${batch.storeId}:${sale.saleId}`;
    const existing = await this.store.findByBusinessKey(businessKey('pos', externalId));
    if (existing) return { saleId: sale.saleId, status: 'duplicate', orderId: existing.id, reason: 'already accepted' };
    try {
      checkCurrency(sale.currency);
      const skus = [...new Set(sale.lines.map((l) => l.sku))];
      const known = new Set((await this.system.getProducts(skus)).map((p) => p.sku));
      const unknown = skus.filter((s) => !known.has(s));
      if (unknown.length > 0) return { saleId: sale.saleId, status: 'rejected', reason: `unknown SKU(s): ${unknown.join(', ')}` };
      const ls = lines(sale.lines);
      const t = totals(ls);
      const tendered = sale.tenders.reduce((a, x) => a + x.amountMinor, 0);
      if (tendered < t.totalMinor)
        return { saleId: sale.saleId, status: 'rejected', reason: `tenders ${tendered} do not cover the total ${t.totalMinor}` };
      const locationId = batch.storeId;
      const doc: CanonicalOrder = {
        channel: 'pos',
        externalId,
        orderNumber: sale.saleId,
        currency: sale.currency,
        lines: ls,
        totals: t,
        customer: sale.customer,
        financialStatus: 'paid',
        cancelled: false,
        locationId,
        placedAt: new Date(sale.occurredAt).toISOString(),
        sourceUpdatedAt: new Date(sale.occurredAt).toISOString(),
      };
      const record = await this.intake.acceptChannelOrder(doc, `POS sale ${sale.saleId} at ${batch.storeId} register ${batch.registerId}`);
      return { saleId: sale.saleId, status: 'accepted', orderId: record.id };
    } catch (e) {
      if (isDomainError(e) && e.code === ErrorCode.BUSINESS_RULE) return { saleId: sale.saleId, status: 'rejected', reason: e.detail };
      throw e;
    }
  }
}
