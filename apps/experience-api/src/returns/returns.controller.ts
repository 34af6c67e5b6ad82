import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Principal, Scopes } from '@weft/gateway';
import { CreateReturnDto, PosReturnsBatchDto, PosReturnsResultDto, ReturnDto, ReturnReceiptDto } from '@weft/retail-model';
import { ExperienceReturnsService } from './returns.service';

@ApiTags('returns')
@ApiBearerAuth()
@Controller()
export class ReturnsController {
  constructor(private readonly returns: ExperienceReturnsService) {}

  /** Request a return (RMA): window, quantities, reason code and returnability are checked at once. */
  @Post('returns')
  @Scopes('returns:write')
  @Idempotent({ required: true })
  async create(
    @Body() body: CreateReturnDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReturnDto> {
    const created = await this.returns.create(body, principal);
    void reply.header('Location', `/v1/returns/${created.id}`);
    return created;
  }

  /** A return's state and timeline. */
  @Get('returns/:id')
  @Scopes('returns:read')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<ReturnDto> {
    return this.returns.get(id, principal);
  }

  /** The warehouse or store received the goods: per line, restock to a location or dispose. */
  @Post('returns/:id/receipt')
  @HttpCode(200)
  @Scopes('returns:write')
  @Idempotent({ required: false })
  receipt(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReturnReceiptDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ReturnDto> {
    return this.returns.receive(id, body, principal);
  }

  /** A register's batch of store returns: restocked at that store at once; one result per return. Only for the token's store_id. */
  @Post('pos/returns')
  @HttpCode(200)
  @Scopes('pos:write')
  @Idempotent({ required: false })
  posReturns(@Body() body: PosReturnsBatchDto, @CurrentPrincipal() principal: Principal): Promise<PosReturnsResultDto> {
    return this.returns.posReturns(body, principal);
  }
}
