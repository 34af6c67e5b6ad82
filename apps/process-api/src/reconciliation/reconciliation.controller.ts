import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes, ListLimit } from '@weft/gateway';
import {
  ReconciliationRunDto,
  ResolveVarianceCommandDto,
  StartReconciliationCommandDto,
  VarianceDetailDto,
  VarianceDto,
  VarianceQueryDto,
} from '@weft/retail-model';
import { ReconciliationService } from './reconciliation.service';

/** Reconciliation of Weft's money records against the ERP's postings; reached through experience-api. */
@ApiTags('reconciliation')
@ApiBearerAuth()
@Controller('reconciliation')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  /** Start a run over a window; it is worked in the background (poll the run). */
  @Post('runs')
  @HttpCode(202)
  @Scopes('process:write')
  start(@Body() body: StartReconciliationCommandDto): Promise<ReconciliationRunDto> {
    return this.reconciliation.start(body, body.requestedBy);
  }

  @Get('runs/:id')
  @Scopes('process:read')
  run(@Param('id', new ParseUUIDPipe()) id: string): Promise<ReconciliationRunDto> {
    return this.reconciliation.get(id);
  }

  @Get('variances')
  @Scopes('process:read')
  @ListLimit(500)
  variances(@Query() query: VarianceQueryDto): Promise<VarianceDto[]> {
    return this.reconciliation.variances(query);
  }

  @Get('variances/:id')
  @Scopes('process:read')
  variance(@Param('id', new ParseUUIDPipe()) id: string): Promise<VarianceDetailDto> {
    return this.reconciliation.variance(id);
  }

  /** Resolve with a note; the actor is the edge caller's identity, stated by experience-api. */
  @Post('variances/:id/resolve')
  @HttpCode(200)
  @Scopes('process:write')
  resolve(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: ResolveVarianceCommandDto): Promise<VarianceDetailDto> {
    return this.reconciliation.resolve(id, body.note, body.actor);
  }
}
