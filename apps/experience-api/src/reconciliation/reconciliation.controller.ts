import { Body, Controller, Get, Header, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, Principal, Scopes, ListLimit } from '@weft/gateway';
import {
  CreateReconciliationRunDto,
  ReconciliationRunDto,
  ResolveVarianceDto,
  VarianceDetailDto,
  VarianceDto,
  VarianceQueryDto,
} from '@weft/retail-model';
import { ReconciliationEdgeService } from './reconciliation.service';

/** Finance: reconciliation runs of Weft's money records against the ERP's postings, and their variances. */
@ApiTags('reconciliation')
@ApiBearerAuth()
@Controller('reconciliation')
export class ReconciliationController {
  constructor(@Inject(ReconciliationEdgeService) private readonly reconciliation: ReconciliationEdgeService) {}

  /** Start a run over [from, to): worked in the background; poll the run for progress and counts. */
  @Post('runs')
  @HttpCode(202)
  @Scopes('finance:write')
  @Idempotent({ required: false })
  async start(
    @Body() body: CreateReconciliationRunDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReconciliationRunDto> {
    const run = await this.reconciliation.start(body, principal);
    void reply.header('Location', `/v1/reconciliation/runs/${run.id}`);
    return run;
  }

  /** A run: state, progress (checked of total), variances found per type. */
  @Get('runs/:id')
  @Scopes('finance:read')
  run(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReconciliationRunDto> {
    return this.reconciliation.run(id);
  }

  /** A run's variances as CSV (RFC 4180), for the close workbook. */
  @Get('runs/:id/export')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'One row per variance, header first.',
    content: { 'text/csv': { schema: { type: 'string', maxLength: 50_000_000 } } },
  })
  @Scopes('finance:read')
  csv(@Param('id', new ParseUUIDPipe()) id: string): Promise<string> {
    return this.reconciliation.csv(id);
  }

  /** Variances, filtered by type, channel, shop, state and window; keyset pages (`after` = last id). */
  @Get('variances')
  @Scopes('finance:read')
  @ListLimit(500)
  variances(@Query() query: VarianceQueryDto): Promise<VarianceDto[]> {
    return this.reconciliation.variances(query);
  }

  /** One variance with its audit trail. */
  @Get('variances/:id')
  @Scopes('finance:read')
  variance(@Param('id', new ParseUUIDPipe()) id: string): Promise<VarianceDetailDto> {
    return this.reconciliation.variance(id);
  }

  /** Resolve a variance with a note; who resolved it is the caller's identity. It stays in the audit trail. */
  @Post('variances/:id/resolve')
  @HttpCode(200)
  @Scopes('finance:write')
  @Idempotent({ required: false })
  resolve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ResolveVarianceDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<VarianceDetailDto> {
    return this.reconciliation.resolve(id, body, principal);
  }
}
