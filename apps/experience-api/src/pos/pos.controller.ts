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

  /**
   * A register's batch of sales (e.g. after being offline): one result per sale; a sale is never applied
   * twice. Only for the token's own store (its store_id claim); another store is 403.
   */
  @Post('sales')
  @HttpCode(200)
  @Scopes('pos:write')
  @Idempotent({ required: false })
  sales(@Body() body: PosSalesBatchDto, @CurrentPrincipal() principal: Principal): Promise<PosSalesResultDto> {
    return this.pos.sales(body, principal);
  }
}
