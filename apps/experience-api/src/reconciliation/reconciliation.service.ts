import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@weft/gateway';
import {
  CreateReconciliationRunDto,
  ReconciliationRunDto,
  ResolveVarianceDto,
  VarianceDetailDto,
  VarianceDto,
  VarianceQueryDto,
  variancesCsv,
} from '@weft/retail-model';
import { RECONCILIATION_CLIENT, ReconciliationClient } from './reconciliation.client';

/** The edge states who acts (its caller's token subject), so the audit trail names a person or system, not the gateway. */
@Injectable()
export class ReconciliationEdgeService {
  constructor(@Inject(RECONCILIATION_CLIENT) private readonly process: ReconciliationClient) {}

  start(body: CreateReconciliationRunDto, principal: Principal): Promise<ReconciliationRunDto> {
    return this.process.start({ from: body.from, to: body.to, requestedBy: principal.sub });
  }

  run(id: string): Promise<ReconciliationRunDto> {
    return this.process.run(id);
  }

  variances(query: VarianceQueryDto): Promise<VarianceDto[]> {
    return this.process.variances(query);
  }

  variance(id: string): Promise<VarianceDetailDto> {
    return this.process.variance(id);
  }

  resolve(id: string, body: ResolveVarianceDto, principal: Principal): Promise<VarianceDetailDto> {
    return this.process.resolve(id, { note: body.note, actor: principal.sub });
  }

  /** Pages through the run's variances (500 at a time) and writes them as CSV. */
  async csv(runId: string): Promise<string> {
    await this.process.run(runId);
    const all: VarianceDto[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.process.variances({ runId, after, limit: 500 });
      all.push(...page);
      if (page.length < 500) break;
      after = page[page.length - 1].id;
    }
    return variancesCsv(all);
  }
}
