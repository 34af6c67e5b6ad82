import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ownsOrder, Principal, scopedKey, tenantOf } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderChannel, OrderDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from './process.client';
import { CreateOrderDto } from './storefront-order.dto';

/** The prefix of the external ids of the orders a token places: its tenant, so it can read them back. */
function ownerPrefix(principal: Principal): string {
  const tenant = tenantOf(principal);
  return tenant.kind === 'unbound' ? principal.sub : tenant.id;
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
    // The tenant prefix lets the token read the order back; the client scopes the Idempotency-Key.
    const owner = ownerPrefix(principal);
    const ref = body.externalId ?? (idempotencyKey ? orderKeyFromIdempotencyKey(principal.sub, idempotencyKey) : randomUUID());
    return this.process.placeOrder({
      ...body,
      channel: principal.partnerId ? 'partner' : 'storefront',
      partnerId: principal.partnerId,
      externalId: `${owner}:${ref}`,
    });
  }

  async get(id: string, principal: Principal): Promise<OrderDto> {
    const order = await this.process.getOrder(id);
    if (!ownsOrder(principal, order)) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${id}`);
    return order;
  }

  async find(source: OrderChannel, externalId: string, principal: Principal): Promise<OrderDto[]> {
    return (await this.process.findOrders(source, externalId)).filter((o) => ownsOrder(principal, o));
  }
}
