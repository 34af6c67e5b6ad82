import { LayerClient } from '@weft/clients';
import {
  AuditQueryDto,
  BulkRetryRequestDto,
  BulkRetryResultDto,
  ConsumerReplayDto,
  ConsumerReplayRequestDto,
  DiscardRequestDto,
  ExceptionDetailDto,
  ExceptionItemDto,
  ExceptionKind,
  ExceptionQueryDto,
  OperatorActionDto,
  OperatorActionRequestDto,
} from '@weft/retail-model';

export const EXCEPTION_QUEUE_CLIENT = Symbol('EXCEPTION_QUEUE_CLIENT');

type Query = Record<string, string | number | undefined>;

/** process-api's exception queue, called for an operator: the operator's identity travels as x-weft-actor. */
export class ExceptionQueueClient {
  constructor(private readonly http: LayerClient) {}

  private path(kind: ExceptionKind, id: string, action = ''): string {
    return `/v1/ops/exceptions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}${action}`;
  }

  list(query: ExceptionQueryDto): Promise<ExceptionItemDto[]> {
    return this.http.get('/v1/ops/exceptions', { query: query as Query });
  }

  inspect(kind: ExceptionKind, id: string): Promise<ExceptionDetailDto> {
    return this.http.get(this.path(kind, id));
  }

  retry(kind: ExceptionKind, id: string, body: OperatorActionRequestDto, actor: string): Promise<ExceptionDetailDto> {
    return this.http.post(this.path(kind, id, '/retry'), body, { headers: { 'x-weft-actor': actor } });
  }

  discard(kind: ExceptionKind, id: string, body: DiscardRequestDto, actor: string): Promise<ExceptionDetailDto> {
    return this.http.post(this.path(kind, id, '/discard'), body, { headers: { 'x-weft-actor': actor } });
  }

  retryMatching(body: BulkRetryRequestDto, actor: string): Promise<BulkRetryResultDto> {
    return this.http.post('/v1/ops/exceptions/retry', body, { headers: { 'x-weft-actor': actor } });
  }

  replayConsumer(name: string, body: ConsumerReplayRequestDto, actor: string): Promise<ConsumerReplayDto> {
    return this.http.post(`/v1/ops/consumers/${encodeURIComponent(name)}/replay`, body, { headers: { 'x-weft-actor': actor } });
  }

  audit(query: AuditQueryDto): Promise<OperatorActionDto[]> {
    return this.http.get('/v1/ops/audit', { query: query as Query });
  }
}
