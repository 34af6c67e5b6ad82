import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { CreateReturnDto, PosReturnsBatchDto, PosReturnsResultDto, ReturnDto, ReturnReceiptDto } from '@weft/retail-model';
import { ReturnsService } from './returns.service';

@ApiTags('returns')
@ApiBearerAuth()
@Controller()
export class ReturnsController {
  constructor(private readonly returns: ReturnsService) {}

  /** A return request (RMA); 422 names the policy rule it breaks, and then nothing is stored. */
  @Post('returns')
  @Scopes('process:write')
  create(@Body() body: CreateReturnDto): Promise<ReturnDto> {
    return this.returns.create(body);
  }

  @Get('orders/:id/returns')
  @Scopes('process:read')
  @ListLimit(100)
  forOrder(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReturnDto[]> {
    return this.returns.forOrder(id);
  }

  @Get('returns/:id')
  @Scopes('process:read')
  get(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReturnDto> {
    return this.returns.get(id);
  }

  /** Goods received, per line: restock to a location or dispose. Receiving twice changes nothing. */
  @Post('returns/:id/receipt')
  @HttpCode(200)
  @Scopes('process:write')
  receipt(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReturnReceiptDto): Promise<ReturnDto> {
    return this.returns.receipt(id, body);
  }

  @Post('pos/returns')
  @HttpCode(200)
  @Scopes('process:write')
  posReturns(@Body() body: PosReturnsBatchDto): Promise<PosReturnsResultDto> {
    return this.returns.posReturns(body);
  }
}
