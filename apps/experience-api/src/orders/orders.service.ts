import { Inject, Injectable } from '@nestjs/common';
import { Principal, scopedKey } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from './process.client';
import { CreateOrderDto } from './storefront-order.dto';

/** A partner's token sees only the orders that partner created; others see all. */
function visibleTo(order: OrderDto, principal: Principal): boolean {
  return !principal.partnerId || order.partnerId === principal.partnerId;
}

/** The order's deduplication key from a client's Idempotency-Key: scoped by client, safe for any key text. */
export function orderKeyFromIdempotencyKey(client: string, idempotencyKey: string): string {
  return `idem-${scopedKey(client, idempotencyKey)}`;
}

@Injectable()
export class ExperienceOrdersService {
  constructor(@Inject(PROCESS_CLIENT) private readonly process: ProcessClient) {}

  /**
   * Without its own reference the order is keyed on the client's Idempotency-Key, so a retry after a
   * timeout at the edge (the first attempt may have gone through behind it) finds the same order.
   */
  create(body: CreateOrderDto, principal: Principal, idempotencyKey?: string): Promise<OrderDto> {
    const client = principal.partnerId ?? principal.sub;
    const externalId = body.externalId
      ? `${client}:${body.externalId}`
      : idempotencyKey
        ? orderKeyFromIdempotencyKey(client, idempotencyKey)
        : undefined;
    return this.process.placeOrder({
      ...body,
      channel: principal.partnerId ? 'partner' : 'storefront',
      partnerId: principal.partnerId,
      externalId,
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
