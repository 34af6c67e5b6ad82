import { Inject, Injectable } from '@nestjs/common';
import { WeftMetrics } from '@weft/observability';
import { mapCircuitStatus, type OpsSummaryDto, type OpsSummaryQueryDto } from '@weft/retail-model';
import { OPS_CLIENT, OpsClient } from './ops.client';
import { mapOpsSummary } from './ops-summary.dto';

/** process-api's summary, plus the circuits the edge itself holds (towards process-api). */
@Injectable()
export class OpsSummaryEdgeService {
  constructor(
    @Inject(OPS_CLIENT) private readonly process: OpsClient,
    private readonly metrics: WeftMetrics,
  ) {}

  async summary(query: OpsSummaryQueryDto): Promise<OpsSummaryDto> {
    const inner = await this.process.summary(query.windowMinutes);
    const own = this.metrics.circuitStates().map((c) => mapCircuitStatus(this.metrics.service, c));
    return mapOpsSummary(inner, own);
  }
}
