import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@weft/gateway';
import { OpsSummaryDto, OpsSummaryQueryDto } from './ops-summary.dto';
import { OpsSummaryEdgeService } from './ops-summary.service';

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class OpsSummaryController {
  constructor(private readonly ops: OpsSummaryEdgeService) {}

  /** What the operations dashboard polls: orders per state and channel, throughput, sync latency p50/p95, aging, exceptions, dead letters, circuits, stock accuracy. */
  @Get('summary')
  @Scopes('ops:read')
  summary(@Query() query: OpsSummaryQueryDto): Promise<OpsSummaryDto> {
    return this.ops.summary(query);
  }
}
