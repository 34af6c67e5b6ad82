import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { UnitOfWork } from '@weft/persistence';
import { DomainError, ErrorCode } from '@weft/problem';
import { normaliseEmail } from '@weft/retail-model';
import { CustomerAudit, CustomerPropagation, CustomerXref, GoldenCustomer } from './customer.entities';
import { resolveGolden } from './customer-records';
import { PartnerCustomers } from './partner-customers';
import { CustomerAuditDto, CustomerPropagationDto, GoldenCustomerDto, mapAudit, mapCustomer, mapPropagation } from './customers.dto';

@Injectable()
export class CustomerQueryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly partners: PartnerCustomers,
  ) {}

  /** The golden record; a merged id resolves to its survivor. With a partner, only a customer of its orders. */
  async get(id: string, partnerId?: string): Promise<GoldenCustomerDto> {
    if (partnerId !== undefined) await this.partners.assertCustomerOf(partnerId, id);
    return this.uow.serialised(async () => {
      const g = await resolveGolden(this.uow.manager, id);
      if (!g) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${id}`);
      return this.dto(g, id);
    });
  }

  async findByEmail(email: string): Promise<GoldenCustomerDto[]> {
    const key = normaliseEmail(email);
    if (!key) return [];
    return this.uow.serialised(async () => {
      const rows = await this.uow.manager.find(GoldenCustomer, {
        where: { email: key, mergedInto: IsNull() },
        order: { createdAt: 'ASC' },
      });
      return Promise.all(rows.map((g) => this.dto(g)));
    });
  }

  /** The history of the record and of every record merged into it. */
  async audit(id: string): Promise<CustomerAuditDto[]> {
    return this.uow.serialised(async () => {
      const g = await resolveGolden(this.uow.manager, id);
      if (!g) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${id}`);
      const ids = [g.id, ...(await this.mergedIds(g.id))];
      return (await this.uow.manager.find(CustomerAudit, { where: { goldenId: In(ids) }, order: { at: 'ASC' } })).map(mapAudit);
    });
  }

  async propagations(id: string): Promise<CustomerPropagationDto[]> {
    return this.uow.serialised(async () => {
      const g = await resolveGolden(this.uow.manager, id);
      if (!g) throw new DomainError(ErrorCode.NOT_FOUND, `No customer ${id}`);
      return (await this.uow.manager.find(CustomerPropagation, { where: { goldenId: g.id }, order: { at: 'ASC' } })).map(mapPropagation);
    });
  }

  private async dto(g: GoldenCustomer, requestedId?: string): Promise<GoldenCustomerDto> {
    const xrefs = await this.uow.manager.findBy(CustomerXref, { goldenId: g.id });
    return mapCustomer(g, xrefs, await this.mergedIds(g.id), requestedId);
  }

  private async mergedIds(id: string): Promise<string[]> {
    return (await this.uow.manager.find(GoldenCustomer, { where: { mergedInto: id }, select: { id: true }, order: { id: 'ASC' } })).map(
      (r) => r.id,
    );
  }
}
