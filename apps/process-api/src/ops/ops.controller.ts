import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { OrderSearchQueryDto, OrderSearchResultDto } from '@weft/retail-model';
import { OrderDto } from '../orders/orders.dto';
import { OrdersService } from '../orders/orders.service';
import { DeadLetterDto } from './ops.dto';
import { OpsService } from './ops.service';
import { OrderSearchService } from './order-search.service';

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class OpsController {
  constructor(
    private readonly ops: OpsService,
    private readonly orders: OrdersService,
    private readonly orderSearch: OrderSearchService,
  ) {}

  /** Orders matching any of their ids (Shopify id or name, ERP number, POS sale, request id, trace id), with timeline and trace id. */
  @Get('orders/search')
  @Scopes('process:read')
  @ListLimit(20)
  search(@Query() query: OrderSearchQueryDto): Promise<OrderSearchResultDto[]> {
    return this.orderSearch.search(query.q);
  }

  @Get('dead-letters')
  @Scopes('process:read')
  @ListLimit(200)
  list(): Promise<DeadLetterDto[]> {
    return this.ops.list();
  }

  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @Scopes('process:write')
  replay(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterDto> {
    return this.ops.replay(id);
  }

  @Post('orders/:id/retry')
  @HttpCode(200)
  @Scopes('process:write')
  async retry(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderDto> {
    await this.ops.retryOrder(id);
    return this.orders.get(id);
  }
}
