import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Idempotent, Scopes } from '@weft/gateway';
import { PosSalesBatchDto, PosSalesResultDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from '../orders/process.client';

@ApiTags('pos')
@ApiBearerAuth()
@Controller('pos')
export class PosController {
  constructor(@Inject(PROCESS_CLIENT) private readonly process: ProcessClient) {}

  /** A register's batch of sales (e.g. after being offline): one result per sale; a sale is never applied twice. */
  @Post('sales')
  @HttpCode(200)
  @Scopes('pos:write')
  @Idempotent({ required: false })
  sales(@Body() body: PosSalesBatchDto): Promise<PosSalesResultDto> {
    return this.process.posSales(body);
  }
}
