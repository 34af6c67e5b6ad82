import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { OrderSearchQueryDto, OrderSearchResultDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from '../orders/process.client';

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops/orders')
export class OrderSearchController {
  constructor(@Inject(PROCESS_CLIENT) private readonly process: ProcessClient) {}

  /** Find an order by any of its ids (Shopify id or name, ERP number, POS sale, request id, trace id): its timeline and trace id. */
  @Get('search')
  @Scopes('ops:read')
  @ListLimit(20)
  search(@Query() query: OrderSearchQueryDto): Promise<OrderSearchResultDto[]> {
    return this.process.searchOrders(query.q);
  }
}
