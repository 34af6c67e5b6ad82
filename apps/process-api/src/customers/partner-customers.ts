import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { CanonicalOrder } from '@weft/retail-model';
import { OrderRecord } from '../orders/order.entity';
import { CustomerXref, GoldenCustomer } from './customer.entities';
import { CustomerMasterService } from './customer-master.service';
import { resolveGolden } from './customer-records';
import { SourceCustomer } from './customer-attributes';
import { mapOrderCustomer } from './source-customer.mappers';

/** The most recent orders of a partner that are looked at: a partner's customers are those of these orders. */
export const PARTNER_ORDERS_SCANNED = 2000;

/**
 * Whether a golden record is the customer of one of a partner's orders. Each order's customer is resolved
 * by the same matching rules that linked it to the master, so a partner sees exactly the records its orders
 * joined (and the survivor of a merge they joined), never one it merely shares an e-mail domain with.
 */
@Injectable()
export class PartnerCustomers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly master: CustomerMasterService,
  ) {}

  /** Throws not-found unless the record belongs to one of the partner's orders (a stranger's record is not disclosed). */
  async assertCustomerOf(partnerId: string, id: string): Promise<void> {
    const belongs = await this.uow.serialised(async () => {
      const m = this.uow.manager;
      const g = await resolveGolden(m, id);
      return g ? this.isCustomerOf(m, partnerId, g) : false;
    });
    if (!belongs) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${id}`);
  }

  private async isCustomerOf(m: EntityManager, partnerId: string, g: GoldenCustomer): Promise<boolean> {
    const family = [g, ...(await m.findBy(GoldenCustomer, { mergedInto: g.id }))];
    const keys = new Set<string>();
    for (const r of family)
      for (const k of [r.email && `e:${r.email}`, r.phone && `p:${r.phone}`, r.loyaltyId && `l:${r.loyaltyId}`]) if (k) keys.add(k);
    for (const x of await m.findBy(CustomerXref, { goldenId: g.id })) keys.add(`x:${x.system}:${x.systemId}`);
    const orders = await m.find(OrderRecord, {
      where: { partnerId },
      select: { id: true, document: true },
      order: { createdAt: 'DESC' },
      take: PARTNER_ORDERS_SCANNED,
    });
    for (const o of orders) {
      const src = mapOrderCustomer(JSON.parse(o.document) as CanonicalOrder);
      // Only an order sharing an identifier with the record can resolve to it; the rules decide among those.
      if (src && sharesKey(src, keys) && (await this.master.resolve(m, src)) === g.id) return true;
    }
    return false;
  }
}

function sharesKey(src: SourceCustomer, keys: Set<string>): boolean {
  const a = src.attributes;
  return [
    src.systemId && `x:${src.system}:${src.systemId}`,
    a.email && `e:${a.email}`,
    a.phone && `p:${a.phone}`,
    a.loyaltyId && `l:${a.loyaltyId}`,
  ].some((k) => k && keys.has(k));
}
