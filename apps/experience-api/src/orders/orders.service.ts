import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from './process.client';
import { CreateOrderDto } from './storefront-order.dto';

/** A partner's token sees only the orders that partner created; others see all. */
function visibleTo(order: OrderDto, principal: Principal): boolean {
  return !principal.partnerId || order.partnerId === principal.partnerId;
}

@Injectable()
export class ExperienceOrdersService {
  constructor(@Inject(PROCESS_CLIENT) private readonly process: ProcessClient) {}

  create(body: CreateOrderDto, principal: Principal): Promise<OrderDto> {
    return this.process.placeOrder({
      ...body,
      channel: principal.partnerId ? 'partner' : 'storefront',
      partnerId: principal.partnerId,
      externalId: body.externalId ? `${principal.partnerId ?? principal.sub}:${body.externalId}` : undefined,
    });
  }

  async get(id: string, principal: Principal): Promise<OrderDto> {
    const order = await this.process.getOrder(id);
    if (!visibleTo(order, principal)) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
    return order;
  }

  async find(source: string, externalId: string, principal: Principal): Promise<OrderDto[]> {
    return (await this.process.findOrders(source, externalId)).filter((o) => visibleTo(o, principal));
  }
}
