import { Inject, Injectable } from '@nestjs/common';
import { Principal, readsAll } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { CUSTOMERS_CLIENT, CustomersClient } from './customers.client';
import { CustomerDto, mapCustomer } from './customers.dto';

@Injectable()
export class ExperienceCustomersService {
  constructor(@Inject(CUSTOMERS_CLIENT) private readonly process: CustomersClient) {}

  /**
   * Golden records span every channel, so reading them takes the operator scope customers:read:all;
   * without it a token sees no customer (fail closed: nothing ties a record to one tenant yet).
   */
  async get(id: string, principal: Principal): Promise<CustomerDto> {
    if (!readsAll(principal, 'customers')) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${id}`);
    return mapCustomer(await this.process.get(id));
  }

  async findByEmail(email: string, principal: Principal): Promise<CustomerDto[]> {
    if (!readsAll(principal, 'customers')) return [];
    return (await this.process.findByEmail(email)).map(mapCustomer);
  }

  async merge(id: string, duplicateId: string, principal: Principal): Promise<CustomerDto> {
    return mapCustomer(await this.process.merge(id, duplicateId, principal.sub));
  }
}
