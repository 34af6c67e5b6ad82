import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { OrderDto } from '../orders/orders.dto';
import { OrdersService } from '../orders/orders.service';
import { DeadLetterDto } from './ops.dto';
import { OpsService } from './ops.service';

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class OpsController {
  constructor(
    private readonly ops: OpsService,
    private readonly orders: OrdersService,
  ) {}

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
