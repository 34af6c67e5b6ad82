import {
  ReconciliationRunDto,
  VarianceAuditDto,
  VarianceDetailDto,
  VarianceDocumentDto,
  VarianceDto,
  VarianceType,
} from '@weft/retail-model';
import { ReconciliationAuditRecord, ReconciliationRunRecord, ReconciliationVarianceRecord } from './reconciliation.entities';

export function mapRun(r: ReconciliationRunRecord, byType: Record<string, number>): ReconciliationRunDto {
  return {
    id: r.id,
    state: r.state,
    from: r.fromAt,
    to: r.toAt,
    trigger: r.trigger,
    requestedBy: r.requestedBy,
    ordersTotal: r.ordersTotal,
    ordersChecked: r.ordersChecked,
    returnsTotal: r.returnsTotal,
    returnsChecked: r.returnsChecked,
    varianceCount: r.varianceCount,
    byType,
    error: r.error,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

export function mapVariance(v: ReconciliationVarianceRecord): VarianceDto {
  return {
    id: v.id,
    runId: v.runId,
    type: v.type as VarianceType,
    state: v.state,
    subject: v.subject,
    businessKey: v.subjectKey,
    channel: v.channel,
    shop: v.shop,
    currency: v.currency,
    weftAmountMinor: v.weftAmountMinor,
    erpAmountMinor: v.erpAmountMinor,
    differenceMinor: v.differenceMinor,
    weftDocuments: JSON.parse(v.weftDocuments) as VarianceDocumentDto[],
    erpDocuments: JSON.parse(v.erpDocuments) as VarianceDocumentDto[],
    detail: v.detail,
    occurredAt: v.occurredAt,
    createdAt: v.createdAt,
    resolution: v.resolvedBy && v.resolvedAt ? { by: v.resolvedBy, note: v.resolutionNote ?? '', at: v.resolvedAt } : null,
  };
}

export function mapVarianceDetail(v: ReconciliationVarianceRecord, audit: ReconciliationAuditRecord[]): VarianceDetailDto {
  return { ...mapVariance(v), audit: audit.map((a): VarianceAuditDto => ({ action: a.action, actor: a.actor, note: a.note, at: a.at })) };
}
