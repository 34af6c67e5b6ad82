import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ListLimit, Scopes } from '@weft/gateway';
import { OrderDto, OrderQueryDto, PlaceOrderDto, PosSalesBatchDto, PosSalesResultDto } from './orders.dto';
import { OrdersService } from './orders.service';

@ApiTags('orders')
@ApiBearerAuth()
@Controller()
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  /** Accept an order synchronously (201), or return the existing one for a known reference (200). */
  @Post('orders')
  @ApiCreatedResponse({ type: OrderDto, description: 'The order was accepted.' })
  @ApiOkResponse({ type: OrderDto, description: 'An order with this channel reference exists; it is returned unchanged.' })
  @Scopes('process:write')
  async place(@Body() body: PlaceOrderDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<OrderDto> {
    const { order, created } = await this.orders.place(body);
    void reply.status(created ? 201 : 200);
    return order;
  }

  @Get('orders')
  @Scopes('process:read')
  @ListLimit(100)
  find(@Query() query: OrderQueryDto): Promise<OrderDto[]> {
    return this.orders.find(query.source, query.externalId);
  }

  @Get('orders/:id')
  @Scopes('process:read')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderDto> {
    return this.orders.get(id);
  }

  @Post('pos/sales')
  @Scopes('process:write')
  posSales(@Body() body: PosSalesBatchDto): Promise<PosSalesResultDto> {
    return this.orders.posSales(body);
  }
}
