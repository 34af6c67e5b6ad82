import type { DeadLetter } from '@weft/messaging';
import type { CanonicalOrder, ExceptionDetailDto, ExceptionItemDto, OperatorActionDto } from '@weft/retail-model';
import type { OrderRecord, OrderTransition } from '../orders/order.entity';
import type { ReturnRecord, ReturnTransition } from '../returns/return.entity';
import type { OperatorAction } from './operator-action.entity';

export {
  AuditQueryDto,
  BulkRetryRequestDto,
  BulkRetryResultDto,
  DiscardRequestDto,
  ExceptionDetailDto,
  ExceptionItemDto,
  ExceptionQueryDto,
  OperatorActionDto,
  OperatorActionRequestDto,
} from '@weft/retail-model';

export const DEAD_LETTERED = 'DEAD_LETTERED';

/** The Shopify shop of a business key (`shopify:<shop>:<id>`); other channels' keys have none. */
export function shopOf(key: string | null | undefined): string | null {
  const m = /^shopify:([a-z0-9][a-z0-9-]*\.myshopify\.com):/.exec(key ?? '');
  return m ? m[1] : null;
}

/** A dead letter's subject is the business key of what it was about (CloudEvents `subject`). */
function subjectOf(payload: string): string | null {
  try {
    const subject = (JSON.parse(payload) as { subject?: unknown }).subject;
    return typeof subject === 'string' ? subject : null;
  } catch {
    return null;
  }
}

/** "downstream-unavailable: …" → "downstream-unavailable"; unclassified failures have no code. */
export function errorCodeOf(lastError: string | null): string | null {
  const m = /^([a-z][a-z-]+):/.exec(lastError ?? '');
  return m ? m[1] : null;
}

export function mapOrderException(o: OrderRecord): ExceptionItemDto {
  const doc = JSON.parse(o.document) as CanonicalOrder;
  return {
    kind: 'order',
    id: o.id,
    state: o.state,
    errorCode: errorCodeOf(o.lastError),
    error: o.lastError,
    channel: o.channel,
    shop: shopOf(o.businessKey),
    store: doc.locationId ?? null,
    type: null,
    consumer: null,
    attempts: o.attempts,
    nextAttemptAt: o.nextAttemptAt,
    since: o.waitingSince ?? o.updatedAt,
  };
}

export function mapReturnException(r: ReturnRecord): ExceptionItemDto {
  return {
    kind: 'return',
    id: r.id,
    state: r.state,
    errorCode: errorCodeOf(r.lastError),
    error: r.lastError,
    channel: r.channel,
    shop: shopOf(r.businessKey),
    store: null,
    type: null,
    consumer: null,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    since: r.waitingSince ?? r.updatedAt,
  };
}

export function mapDeadLetterException(d: DeadLetter): ExceptionItemDto {
  return {
    kind: 'dead-letter',
    id: d.id,
    state: DEAD_LETTERED,
    errorCode: errorCodeOf(d.error),
    error: d.error,
    channel: null,
    shop: shopOf(subjectOf(d.payload)),
    store: null,
    type: d.type,
    consumer: d.consumer,
    attempts: d.attempts,
    nextAttemptAt: null,
    since: d.createdAt,
  };
}

type Transition = OrderTransition | ReturnTransition;

export function mapExceptionDetail(item: ExceptionItemDto, payload: Record<string, unknown>, timeline: Transition[]): ExceptionDetailDto {
  return { ...item, payload, timeline: timeline.map((t) => ({ from: t.fromState, to: t.toState, cause: t.cause, at: t.at })) };
}

export function mapOperatorAction(a: OperatorAction): OperatorActionDto {
  return { id: a.id, actor: a.actor, action: a.action, kind: a.kind, targetId: a.targetId, reason: a.reason, outcome: a.outcome, at: a.at };
}
