import { Injectable } from '@nestjs/common';
import { CustomerMasterService } from './customer-master.service';
import { CustomerSystem } from './customer-attributes';
import { defined, identifiers, mapShopifyCustomer } from './source-customer.mappers';
import { GoldenCustomerDto, SourceCustomerUpdateDto } from './customers.dto';
import { CustomerQueryService } from './customer-query.service';

export interface CustomerIntakeOutcome {
  status: 'processed' | 'ignored';
  detail: string;
}

/** Entry points of customers into the master: Shopify webhooks and systems of record reporting their own. */
@Injectable()
export class CustomerIntakeService {
  constructor(
    private readonly master: CustomerMasterService,
    private readonly query: CustomerQueryService,
  ) {}

  async fromShopify(payload: Record<string, unknown>, cause: string): Promise<CustomerIntakeOutcome> {
    const src = mapShopifyCustomer(payload);
    if (!src.systemId && !src.attributes.email && !src.attributes.phone)
      return { status: 'ignored', detail: 'customer without id, e-mail or phone' };
    const r = await this.master.upsert(src, cause);
    return {
      status: 'processed',
      detail: `golden customer ${r.golden.id} ${r.created ? 'created' : r.changed.length ? `updated (${r.changed.join(', ')})` : 'unchanged'}`,
    };
  }

  async fromSystem(dto: SourceCustomerUpdateDto, actor: string): Promise<GoldenCustomerDto> {
    const system: CustomerSystem = dto.system;
    const r = await this.master.upsert(
      {
        system,
        systemId: dto.systemId,
        attributes: defined({ ...dto.attributes, ...identifiers(dto.attributes.email, dto.attributes.phone) }),
      },
      actor,
    );
    return this.query.get(r.golden.id);
  }
}
