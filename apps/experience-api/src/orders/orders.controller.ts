import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IDEMPOTENCY_KEY_HEADER, Idempotent, ListLimit, parseIdempotencyKey, Principal, Scopes } from '@weft/gateway';
import { OrderDto, OrderQueryDto } from '@weft/retail-model';
import { ExperienceOrdersService } from './orders.service';
import { CreateOrderDto } from './storefront-order.dto';

@ApiTags('orders')
@ApiBearerAuth()
@Controller('orders')
export class OrdersController {
  constructor(private readonly orders: ExperienceOrdersService) {}

  /** Accept an order: lines, prices and stock are checked and stock held in Weft's ledger, or nothing is created; the ERP gets it asynchronously. */
  @Post()
  @Scopes('orders:write')
  @Idempotent({ required: true })
  async create(
    @Body() body: CreateOrderDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
    // Read from the request, not @Headers: the contract documents Idempotency-Key once, from @Idempotent.
    @Req() request: FastifyRequest,
  ): Promise<OrderDto> {
    const order = await this.orders.create(body, principal, parseIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]));
    void reply.header('Location', `/v1/orders/${order.id}`);
    return order;
  }

  /** Orders by channel and the channel's own id (Shopify ids exactly as Shopify sent them). */
  @Get()
  @Scopes('orders:read')
  @ListLimit(100)
  find(@Query() query: OrderQueryDto, @CurrentPrincipal() principal: Principal): Promise<OrderDto[]> {
    return this.orders.find(query.source, query.externalId, principal);
  }

  /** The canonical order: state, ERP reference, and the timeline of every transition. */
  @Get(':id')
  @Scopes('orders:read')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<OrderDto> {
    return this.orders.get(id, principal);
  }
}
