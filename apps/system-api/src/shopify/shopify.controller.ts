import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes, ListLimit } from '@weft/gateway';
import { ParamPatternPipe } from '@weft/problem';
import {
  BulkOrderScanDto,
  BulkOrderScanQueryDto,
  BulkOrderScanRequestDto,
  FulfilmentResultDto,
  InventorySetRequestDto,
  InventorySetResultDto,
  mapWebhookSubscription,
  OrderCancelRequestDto,
  OrderCancelResultDto,
  OrderForIntakeDto,
  OrdersCountDto,
  OrdersCountQueryDto,
  OrdersPageDto,
  OrdersQueryDto,
  OrderTagsRequestDto,
  OrderTransactionsDto,
  OrderTransactionsQueryDto,
  ShipmentFulfilmentRequestDto,
  ShopifyRefundRequestDto,
  ShopifyRefundResultDto,
  ShopQueryDto,
  ShopsDto,
  WebhookSubscriptionDto,
  WebhookSubscriptionRequestDto,
} from './shopify.dto';
import { ShopifyService } from './shopify.service';

/** A Shopify order id: numeric or its gid (decoded from the path). */
const ORDER_ID = new ParamPatternPipe('orderId', { maxLength: 100, pattern: '^(\\d{1,20}|gid://shopify/Order/\\d{1,20})$' });

/** A bulk operation's gid (decoded from the path). */
const SCAN_ID = new ParamPatternPipe('scanId', { maxLength: 100, pattern: '^gid://shopify/BulkOperation/\\d{1,20}$' });
/** Changes per page of a bulk result: ids and times only, so a page stays small. */
const BULK_PAGE = 1000;

/** Shopify shops' Admin API behind the channel port: what process-api decided, written to the shop. */
@ApiTags('shopify')
@ApiBearerAuth()
@Controller('shopify')
export class ShopifyController {
  constructor(private readonly shopify: ShopifyService) {}

  /** Shops with Admin API credentials. */
  @Get('shops')
  @Scopes('system:read')
  shops(): ShopsDto {
    return { shops: this.shopify.port.shops() };
  }

  /** Sets the available quantity of one inventory item at one location, compare-and-set. */
  @Post('inventory-quantities')
  @HttpCode(200)
  @Scopes('system:write')
  setInventory(@Body() body: InventorySetRequestDto): Promise<InventorySetResultDto> {
    return this.shopify.port.setInventory(body);
  }

  /** Fulfils an ERP shipment on the order's fulfilment orders, with tracking; once per shipment key. */
  @Post('fulfilments')
  @HttpCode(200)
  @Scopes('system:write')
  fulfil(@Body() body: ShipmentFulfilmentRequestDto): Promise<FulfilmentResultDto> {
    return this.shopify.port.fulfilShipment(body);
  }

  /** Refunds a Shopify order's payment; once per refund key. */
  @Post('refunds')
  @HttpCode(200)
  @Scopes('system:write')
  refund(@Body() body: ShopifyRefundRequestDto): Promise<ShopifyRefundResultDto> {
    return this.shopify.port.refund(body);
  }

  /** Cancels a Shopify order decided cancelled in Weft or the ERP (Shopify does not restock: the ERP owns stock). */
  @Post('orders/:orderId/cancel')
  @HttpCode(200)
  @Scopes('system:write')
  cancel(@Param('orderId', ORDER_ID) orderId: string, @Body() body: OrderCancelRequestDto): Promise<OrderCancelResultDto> {
    return this.shopify.cancel(orderId, body);
  }

  /** Adds tags to a Shopify order (the ERP order number, so support sees it in the admin). */
  @Post('orders/:orderId/tags')
  @HttpCode(204)
  @Scopes('system:write')
  tag(@Param('orderId', ORDER_ID) orderId: string, @Body() body: OrderTagsRequestDto): Promise<void> {
    return this.shopify.tag(orderId, body);
  }

  /** Orders updated after a time (ids and times), one page, oldest first. */
  @Get('orders')
  @Scopes('system:read')
  orders(@Query() q: OrdersQueryDto): Promise<OrdersPageDto> {
    return this.shopify.port.ordersUpdatedSince(q.shop, q.updatedSince, q.after);
  }

  /** How many orders were updated after a time (for a catch-up's progress). */
  @Get('orders-count')
  @Scopes('system:read')
  async ordersCount(@Query() q: OrdersCountQueryDto): Promise<OrdersCountDto> {
    return { count: await this.shopify.port.ordersCountSince(q.shop, q.updatedSince) };
  }

  /** Starts a bulk operation listing the orders updated after a time (a catch-up of a large window). */
  @Post('bulk-order-scans')
  @HttpCode(200)
  @Scopes('system:write')
  startBulkOrderScan(@Body() body: BulkOrderScanRequestDto): Promise<BulkOrderScanDto> {
    return this.shopify.port.startBulkOrderScan(body.shop, body.updatedSince);
  }

  /** A bulk order scan's state; once COMPLETED, one page of the orders it found, oldest change first. */
  @Get('bulk-order-scans/:scanId')
  @Scopes('system:read')
  bulkOrderScan(@Param('scanId', SCAN_ID) scanId: string, @Query() q: BulkOrderScanQueryDto): Promise<BulkOrderScanDto> {
    return this.shopify.port.bulkOrderScan(q.shop, scanId, q.offset ?? 0, BULK_PAGE);
  }

  /** One order shaped like an orders/updated webhook body. */
  @Get('orders/:orderId')
  @Scopes('system:read')
  order(@Param('orderId', ORDER_ID) orderId: string, @Query() q: ShopQueryDto): Promise<OrderForIntakeDto> {
    return this.shopify.orderForIntake(orderId, q.shop);
  }

  /** Orders' payment transactions (captured, refunded) as the shop recorded them, for reconciliation. */
  @Post('order-transactions/search')
  @HttpCode(200)
  @Scopes('system:read')
  @ListLimit(500)
  transactions(@Body() body: OrderTransactionsQueryDto): Promise<OrderTransactionsDto[]> {
    return this.shopify.port.orderTransactions(body.shop, body.orderIds);
  }

  /** The shop's webhook subscriptions. */
  @Get('webhook-subscriptions')
  @Scopes('system:read')
  @ListLimit(500)
  async webhooks(@Query() q: ShopQueryDto): Promise<WebhookSubscriptionDto[]> {
    return (await this.shopify.port.webhookSubscriptions(q.shop)).map(mapWebhookSubscription);
  }

  /** Registers one webhook subscription on the shop. */
  @Post('webhook-subscriptions')
  @HttpCode(200)
  @Scopes('system:write')
  async subscribe(@Body() body: WebhookSubscriptionRequestDto): Promise<WebhookSubscriptionDto> {
    return mapWebhookSubscription(await this.shopify.port.subscribeWebhook(body.shop, body.topic, body.uri));
  }
}
