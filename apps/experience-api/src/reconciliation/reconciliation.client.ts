import { LayerClient } from '@weft/clients';
import {
  ReconciliationRunDto,
  ResolveVarianceCommandDto,
  StartReconciliationCommandDto,
  VarianceDetailDto,
  VarianceDto,
  VarianceQueryDto,
} from '@weft/retail-model';

export const RECONCILIATION_CLIENT = Symbol('RECONCILIATION_CLIENT');

/** experience-api's view of process-api's reconciliation routes. */
export class ReconciliationClient {
  constructor(private readonly http: LayerClient) {}

  start(body: StartReconciliationCommandDto): Promise<ReconciliationRunDto> {
    return this.http.post('/v1/reconciliation/runs', body);
  }

  run(id: string): Promise<ReconciliationRunDto> {
    return this.http.get(`/v1/reconciliation/runs/${encodeURIComponent(id)}`);
  }

  variances(query: VarianceQueryDto): Promise<VarianceDto[]> {
    return this.http.get('/v1/reconciliation/variances', { query: { ...query } });
  }

  variance(id: string): Promise<VarianceDetailDto> {
    return this.http.get(`/v1/reconciliation/variances/${encodeURIComponent(id)}`);
  }

  resolve(id: string, body: ResolveVarianceCommandDto): Promise<VarianceDetailDto> {
    return this.http.post(`/v1/reconciliation/variances/${encodeURIComponent(id)}/resolve`, body);
  }
}
