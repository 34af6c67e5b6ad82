import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Principal, Scopes } from '@weft/gateway';
import { PosSalesBatchDto, PosSalesResultDto } from '@weft/retail-model';
import { ExperiencePosService } from './pos.service';

@ApiTags('pos')
@ApiBearerAuth()
@Controller('pos')
export class PosController {
  constructor(private readonly pos: ExperiencePosService) {}

  /** A register's batch of sales: one result per sale, never applied twice; only for the token's own store_id (else 403). */
  @Post('sales')
  @HttpCode(200)
  @Scopes('pos:write')
  @Idempotent({ required: false })
  sales(@Body() body: PosSalesBatchDto, @CurrentPrincipal() principal: Principal): Promise<PosSalesResultDto> {
    return this.pos.sales(body, principal);
  }
}
