import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@weft/problem';
import { OrderCancelRequestDto, OrderTagsRequestDto } from './shopify.dto';
import { SHOPIFY_PORT, ShopifyPort } from './shopify.port';

const ORDER_ID = /^(\d{1,20}|gid:\/\/shopify\/Order\/\d{1,20})$/;

/** The Shopify port for the controller, with path ids checked before anything reaches a shop. */
@Injectable()
export class ShopifyService {
  constructor(@Inject(SHOPIFY_PORT) readonly port: ShopifyPort) {}

  cancel(orderId: string, body: OrderCancelRequestDto): Promise<{ jobId: string | null }> {
    return this.port.cancelOrder({ ...body, orderId: checkedOrderId(orderId) });
  }

  async orderForIntake(orderId: string, shop: string | undefined): Promise<{ body: Record<string, unknown> }> {
    const body = await this.port.orderForIntake(shop, checkedOrderId(orderId));
    if (!body) throw new DomainError(ErrorCode.NOT_FOUND, `Shopify order ${orderId} not found.`);
    return { body };
  }

  tag(orderId: string, body: OrderTagsRequestDto): Promise<void> {
    return this.port.tagOrder(body.shop, checkedOrderId(orderId), body.tags);
  }
}

function checkedOrderId(id: string): string {
  if (!ORDER_ID.test(id)) throw new DomainError(ErrorCode.VALIDATION, 'orderId must be a Shopify order id (digits or its gid).');
  return id;
}
