import { bodyOf } from '@weft/clients';
import type { ProcessApi, ProcessQuery, ProcessSchemas } from '../process/process-api.client';

export const RECONCILIATION_CLIENT = Symbol('RECONCILIATION_CLIENT');

/** process-api's reconciliation shapes, as its contract types them. */
export type ReconciliationRunView = ProcessSchemas['ReconciliationRunDto'];
export type VarianceView = ProcessSchemas['VarianceDto'];
export type VarianceDetailView = ProcessSchemas['VarianceDetailDto'];
export type StartReconciliationCommand = ProcessSchemas['StartReconciliationCommandDto'];
export type ResolveVarianceCommand = ProcessSchemas['ResolveVarianceCommandDto'];
export type VarianceFilter = ProcessQuery<'reconciliation.variances'>;

/** experience-api's calls to process-api's reconciliation routes. */
export class ReconciliationClient {
  constructor(private readonly api: ProcessApi) {}

  start(body: StartReconciliationCommand): Promise<ReconciliationRunView> {
    return bodyOf(this.api.POST('/v1/reconciliation/runs', { body }));
  }

  run(id: string): Promise<ReconciliationRunView> {
    return bodyOf(this.api.GET('/v1/reconciliation/runs/{id}', { params: { path: { id } } }));
  }

  variances(query: VarianceFilter): Promise<VarianceView[]> {
    return bodyOf(this.api.GET('/v1/reconciliation/variances', { params: { query } }));
  }

  variance(id: string): Promise<VarianceDetailView> {
    return bodyOf(this.api.GET('/v1/reconciliation/variances/{id}', { params: { path: { id } } }));
  }

  resolve(id: string, body: ResolveVarianceCommand): Promise<VarianceDetailView> {
    return bodyOf(this.api.POST('/v1/reconciliation/variances/{id}/resolve', { params: { path: { id } }, body }));
  }
}
