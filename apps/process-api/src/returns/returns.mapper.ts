import { ReturnDto } from '@weft/retail-model';
import { ReturnLine, ReturnRecord, ReturnTransition } from './return.entity';

export function mapReturn(r: ReturnRecord, timeline: ReturnTransition[]): ReturnDto {
  return {
    id: r.id,
    orderId: r.orderId,
    channel: r.channel,
    state: r.state,
    currency: r.currency,
    refundTotalMinor: r.refundTotalMinor,
    refundedByChannel: r.refundedByChannel,
    lines: (JSON.parse(r.lines) as ReturnLine[]).map((l) => ({ ...l })),
    erpCreditNoteId: r.erpCreditNoteId,
    refundId: r.refundId,
    lastError: r.lastError,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    timeline: timeline.map((t) => ({ from: t.fromState, to: t.toState, cause: t.cause, at: t.at })),
  };
}
