import { Inject, Injectable } from '@nestjs/common';
import { CRM_PORT, CrmPort } from '../crm/crm.port';
import { mapSalesOrder } from '../erp/erp.dto';
import { ErpError, ErpErrorCode } from '../erp/erp.errors';
import { ErpService } from '../erp/erp.service';
import { OrderSubmissionDto, OrderSubmissionRequestDto } from './order-submission.dto';

const outOfStock = (e: unknown): e is ErpError => e instanceof ErpError && e.code === ErpErrorCode.OUT_OF_STOCK;

/**
 * The composite behind `POST /v1/order-submissions`. process-api used to make five calls for this (contact,
 * customer, activity, hold, order), each a round trip and a commit of its own; the ERP calls themselves are
 * the same and still go through the ERP gateway's limits, timeout, retries and breaker.
 */
@Injectable()
export class OrderSubmissionsService {
  constructor(
    private readonly erp: ErpService,
    @Inject(CRM_PORT) private readonly crm: CrmPort,
  ) {}

  async submit(input: OrderSubmissionRequestDto): Promise<OrderSubmissionDto> {
    // The CRM and the ERP are different systems: the contact and the ERP customer are resolved side by side.
    const [contact, customer] = await Promise.all([
      input.contact ? this.crm.upsertContact(input.contact) : Promise.resolve(undefined),
      this.erp.erp.findOrCreateCustomer(input.customer),
    ]);
    if (contact && input.activity) await this.crm.addActivity(contact.contactId, input.activity);
    const resolved = { erpCustomerId: customer.erpCustomerId, crmContactId: contact?.contactId };
    let held = true;
    try {
      await this.erp.erp.reserveStock(input.reservation);
    } catch (e) {
      if (!outOfStock(e)) throw e;
      if (!input.postWithoutStock) return { ...resolved, outcome: 'out-of-stock', held: false, shortfall: e.message };
      held = false;
    }
    const create = (reservationKey: string | undefined) =>
      this.erp.erp.createSalesOrder({ ...input.salesOrder, erpCustomerId: customer.erpCustomerId, reservationKey });
    try {
      const so = await create(held ? input.reservation.reservationKey : undefined);
      return { ...resolved, outcome: 'accepted', held, salesOrder: mapSalesOrder(so) };
    } catch (e) {
      // The ERP refused the order for good (a validation error): the order fails, so nothing may keep its
      // stock. A transient failure keeps the hold for the retry, which finds it under the same key.
      if (held && e instanceof ErpError && !e.transient && !outOfStock(e)) {
        await this.erp.erp.releaseReservation(input.reservation.reservationKey);
        throw e;
      }
      // A retried submission whose hold lapsed at the ERP since (its TTL) and whose stock has gone: the
      // till sale posts without it, a channel order is reported short and waits as a backorder.
      if (!(held && outOfStock(e))) throw e;
      if (!input.postWithoutStock) return { ...resolved, outcome: 'out-of-stock', held: false, shortfall: e.message };
      const so = await create(undefined);
      return { ...resolved, outcome: 'accepted', held: false, salesOrder: mapSalesOrder(so) };
    }
  }
}
