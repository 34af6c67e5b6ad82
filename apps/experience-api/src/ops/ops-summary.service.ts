import { Inject, Injectable } from '@nestjs/common';
import { LayerClient } from '@weft/clients';
import { WeftMetrics } from '@weft/observability';
import type { OpsSummaryDto, OpsSummaryQueryDto } from '@weft/retail-model';
import { OPS_LAYER } from './ops.client';
import { mapOpsSummary } from './ops-summary.dto';

const CIRCUIT_STATES = ['closed', 'open', 'half-open', 'isolated'];

/** process-api's summary, plus the circuits the edge itself holds (towards process-api). */
@Injectable()
export class OpsSummaryEdgeService {
  constructor(
    @Inject(OPS_LAYER) private readonly http: LayerClient,
    private readonly metrics: WeftMetrics,
  ) {}

  async summary(query: OpsSummaryQueryDto): Promise<OpsSummaryDto> {
    const inner = await this.http.get<OpsSummaryDto>('/v1/ops/summary', { query: { windowMinutes: query.windowMinutes } });
    const own = this.metrics
      .circuitStates()
      .map((c) => ({ layer: this.metrics.service, target: c.target, state: CIRCUIT_STATES[c.state] ?? 'unknown' }));
    return mapOpsSummary(inner, own);
  }
}
