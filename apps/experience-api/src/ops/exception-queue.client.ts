import { bodyOf } from '@weft/clients';
import type {
  AuditQueryDto,
  BulkRetryRequestDto,
  ConsumerReplayRequestDto,
  DiscardRequestDto,
  ExceptionKind,
  ExceptionQueryDto,
  OperatorActionRequestDto,
} from '@weft/retail-model';
import type { ProcessApi, ProcessSchemas } from '../process/process-api.client';

export const EXCEPTION_QUEUE_CLIENT = Symbol('EXCEPTION_QUEUE_CLIENT');

/** process-api's exception queue shapes, as its contract types them. */
export type ExceptionItemView = ProcessSchemas['ExceptionItemDto'];
export type ExceptionDetailView = ProcessSchemas['ExceptionDetailDto'];
export type BulkRetryResultView = ProcessSchemas['BulkRetryResultDto'];
export type OperatorActionView = ProcessSchemas['OperatorActionDto'];
export type ConsumerReplayView = ProcessSchemas['ConsumerReplayDto'];

/** process-api's exception queue, called for an operator: the operator's identity travels as x-weft-actor. */
export class ExceptionQueueClient {
  constructor(private readonly api: ProcessApi) {}

  private static actor(actor: string): { headers: Record<string, string> } {
    return { headers: { 'x-weft-actor': actor } };
  }

  list(query: ExceptionQueryDto): Promise<ExceptionItemView[]> {
    return bodyOf(this.api.GET('/v1/ops/exceptions', { params: { query } }));
  }

  inspect(kind: ExceptionKind, id: string): Promise<ExceptionDetailView> {
    return bodyOf(this.api.GET('/v1/ops/exceptions/{kind}/{id}', { params: { path: { kind, id } } }));
  }

  retry(kind: ExceptionKind, id: string, body: OperatorActionRequestDto, actor: string): Promise<ExceptionDetailView> {
    const path = { kind, id };
    return bodyOf(this.api.POST('/v1/ops/exceptions/{kind}/{id}/retry', { params: { path }, body, ...ExceptionQueueClient.actor(actor) }));
  }

  discard(kind: ExceptionKind, id: string, body: DiscardRequestDto, actor: string): Promise<ExceptionDetailView> {
    const path = { kind, id };
    return bodyOf(
      this.api.POST('/v1/ops/exceptions/{kind}/{id}/discard', { params: { path }, body, ...ExceptionQueueClient.actor(actor) }),
    );
  }

  retryMatching(body: BulkRetryRequestDto, actor: string): Promise<BulkRetryResultView> {
    return bodyOf(this.api.POST('/v1/ops/exceptions/retry', { body, ...ExceptionQueueClient.actor(actor) }));
  }

  replayConsumer(name: string, body: ConsumerReplayRequestDto, actor: string): Promise<ConsumerReplayView> {
    return bodyOf(
      this.api.POST('/v1/ops/consumers/{name}/replay', { params: { path: { name } }, body, ...ExceptionQueueClient.actor(actor) }),
    );
  }

  audit(query: AuditQueryDto): Promise<OperatorActionView[]> {
    return bodyOf(this.api.GET('/v1/ops/audit', { params: { query } }));
  }
}
