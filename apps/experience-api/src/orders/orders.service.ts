import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ownsOrder, Principal, tenantOf } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from './process.client';
import { CreateOrderDto } from './storefront-order.dto';

/** The prefix of the external ids of the orders a token places: its tenant, so it can read them back. */
function ownerPrefix(principal: Principal): string {
  const tenant = tenantOf(principal);
  return tenant.kind === 'unbound' ? principal.sub : tenant.id;
}

@Injectable()
export class ExperienceOrdersService {
  constructor(@Inject(PROCESS_CLIENT) private readonly process: ProcessClient) {}

  create(body: CreateOrderDto, principal: Principal): Promise<OrderDto> {
    return this.process.placeOrder({
      ...body,
      channel: principal.partnerId ? 'partner' : 'storefront',
      partnerId: principal.partnerId,
      externalId: `${ownerPrefix(principal)}:${body.externalId ?? randomUUID()}`,
    });
  }

  async get(id: string, principal: Principal): Promise<OrderDto> {
    const order = await this.process.getOrder(id);
    if (!ownsOrder(principal, order)) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
    return order;
  }

  async find(source: string, externalId: string, principal: Principal): Promise<OrderDto[]> {
    return (await this.process.findOrders(source, externalId)).filter((o) => ownsOrder(principal, o));
  }
}
