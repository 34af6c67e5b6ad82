import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@weft/gateway';
import { OpsSummaryDto, OpsSummaryQueryDto } from '@weft/retail-model';
import { OpsSummaryService } from './ops-summary.service';

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class OpsSummaryController {
  constructor(private readonly summary: OpsSummaryService) {}

  /** Orders per state and channel, throughput, sync latency p50/p95, aging, exceptions, dead letters, circuits, stock accuracy. */
  @Get('summary')
  @Scopes('process:read')
  get(@Query() query: OpsSummaryQueryDto): Promise<OpsSummaryDto> {
    return this.summary.summary(query.windowMinutes ?? 60);
  }
}
