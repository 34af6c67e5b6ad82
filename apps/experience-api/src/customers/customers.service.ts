import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@weft/gateway';
import { CUSTOMERS_CLIENT, CustomersClient } from './customers.client';
import { CustomerDto, mapCustomer } from './customers.dto';

@Injectable()
export class ExperienceCustomersService {
  constructor(@Inject(CUSTOMERS_CLIENT) private readonly process: CustomersClient) {}

  async get(id: string): Promise<CustomerDto> {
    return mapCustomer(await this.process.get(id));
  }

  async findByEmail(email: string): Promise<CustomerDto[]> {
    return (await this.process.findByEmail(email)).map(mapCustomer);
  }

  async merge(id: string, duplicateId: string, principal: Principal): Promise<CustomerDto> {
    return mapCustomer(await this.process.merge(id, duplicateId, principal.sub));
  }
}
