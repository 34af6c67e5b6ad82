import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { CloudEvent } from '@weft/events';
import { ConsumerRunner, EVENT_BUS, EventBus } from '@weft/messaging';
import { UnitOfWork } from '@weft/persistence';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';
import { PROPAGATION_TARGETS, PropagationTarget } from './customer-attributes';
import { CustomerPropagation } from './customer.entities';
import { CustomerMasterService } from './customer-master.service';
import { attributesOf, audit, CUSTOMER_CHANGED, CustomerChangedData, resolveGolden } from './customer-records';

export const CUSTOMER_PROPAGATION_CONSUMER = 'customer-propagation';

/** The targets a change goes to: every system of record except the one the change came from. */
export function propagationTargets(sourceSystem: string): PropagationTarget[] {
  return PROPAGATION_TARGETS.filter((t) => t !== sourceSystem);
}

/**
 * Sends golden-record changes on to the CRM and the ERP, never back to their source (no echo, no
 * loop). The ids the targets answer with are linked as cross-references, which is not itself a change.
 */
@Injectable()
export class CustomerPropagationConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly runner: ConsumerRunner,
    private readonly uow: UnitOfWork,
    private readonly master: CustomerMasterService,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.bus.subscribe({ consumer: CUSTOMER_PROPAGATION_CONSUMER, types: [CUSTOMER_CHANGED], handler: (e) => this.handle(e) });
  }

  async handle(event: CloudEvent): Promise<void> {
    const data = event.data as CustomerChangedData;
    const golden = await this.uow.serialised(() => resolveGolden(this.uow.manager, data.goldenId));
    if (!golden) return;
    const a = attributesOf(golden);
    // Same key as the order workflow's, so the CRM contact and ERP customer are the ones orders use.
    const customerKey = a.email ? `email:${a.email}` : `golden:${golden.id}`;
    const sent: { target: PropagationTarget; targetId: string }[] = [];
    for (const target of propagationTargets(data.sourceSystem)) {
      // Each call is idempotent on the customer key, so a redelivered event repeats harmlessly.
      switch (target) {
        case 'crm': {
          if (!a.email && !a.phone) break;
          const c = await this.system.upsertCrmContact({
            customerKey,
            email: a.email,
            phone: a.phone,
            firstName: a.firstName,
            lastName: a.lastName,
            source: data.sourceSystem,
          });
          sent.push({ target, targetId: c.contactId });
          break;
        }
        case 'erp': {
          const name = [a.firstName, a.lastName].filter(Boolean).join(' ') || a.email || 'Customer';
          const e = await this.system.findOrCreateErpCustomer({
            customerKey,
            name,
            email: a.email,
            phone: a.phone,
            address: a.billingAddress,
          });
          sent.push({ target, targetId: e.erpCustomerId });
          break;
        }
      }
    }
    await this.runner.applyOnce(CUSTOMER_PROPAGATION_CONSUMER, event, async (_e, m) => {
      const now = new Date().toISOString();
      for (const s of sent) {
        await m.insert(CustomerPropagation, {
          eventId: event.id,
          target: s.target,
          goldenId: golden.id,
          sourceSystem: data.sourceSystem,
          targetId: s.targetId,
          at: now,
        });
        await audit(m, await this.master.link(m, golden.id, s.target, s.targetId, 'customer-propagation', now), now);
      }
    });
  }
}
