import { Inject, Injectable } from '@nestjs/common';
import { Principal, readsAll, tenantOf } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { CUSTOMERS_CLIENT, CustomersClient } from './customers.client';
import { CustomerDto, CustomerSourceUpdateDto, mapCustomer, mapSourceUpdate } from './customers.dto';

@Injectable()
export class ExperienceCustomersService {
  constructor(@Inject(CUSTOMERS_CLIENT) private readonly process: CustomersClient) {}

  /**
   * Golden records span every channel: reading any of them takes the operator scope customers:read:all.
   * A partner reads the customers of its own orders (process-api decides, by the matching that linked
   * them); any other token sees no customer (fail closed).
   */
  async get(id: string, principal: Principal): Promise<CustomerDto> {
    if (readsAll(principal, 'customers')) return mapCustomer(await this.process.get(id));
    const tenant = tenantOf(principal);
    if (tenant.kind !== 'partner') throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${id}`);
    return mapCustomer(await this.process.get(id, tenant.id));
  }

  async findByEmail(email: string, principal: Principal): Promise<CustomerDto[]> {
    if (!readsAll(principal, 'customers')) return [];
    return (await this.process.findByEmail(email)).map(mapCustomer);
  }

  async merge(id: string, duplicateId: string, principal: Principal): Promise<CustomerDto> {
    return mapCustomer(await this.process.merge(id, duplicateId, principal.sub));
  }

  async sourceUpdate(dto: CustomerSourceUpdateDto, principal: Principal): Promise<CustomerDto> {
    return mapCustomer(await this.process.sourceUpdate(mapSourceUpdate(dto), principal.sub));
  }
}
