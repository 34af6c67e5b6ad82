import { Body, Controller, Get, HttpCode, Inject, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParamPatternPipe } from '@weft/problem';
import { CurrentPrincipal, Principal, Scopes, ListLimit } from '@weft/gateway';
import {
  AuditQueryDto,
  BulkRetryRequestDto,
  BulkRetryResultDto,
  ConsumerReplayDto,
  ConsumerReplayRequestDto,
  DiscardRequestDto,
  EXCEPTION_KINDS,
  ExceptionDetailDto,
  ExceptionItemDto,
  ExceptionKind,
  ExceptionQueryDto,
  OperatorActionDto,
  OperatorActionRequestDto,
} from '@weft/retail-model';
import { EXCEPTION_QUEUE_CLIENT, ExceptionQueueClient } from './exception-queue.client';

const KIND = new ParseEnumPipe(Object.fromEntries(EXCEPTION_KINDS.map((k) => [k, k])));

/** The exception queue for operators: what waits or failed, and what they did about it. */
@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class ExceptionQueueController {
  constructor(@Inject(EXCEPTION_QUEUE_CLIENT) private readonly queue: ExceptionQueueClient) {}

  /** FAILED, WAITING_FOR_ERP and BACKORDERED orders, EXCEPTION and WAITING returns, and dead letters, oldest first; filterable. */
  @Get('exceptions')
  @Scopes('ops:read')
  @ListLimit(500)
  listExceptions(@Query() query: ExceptionQueryDto): Promise<ExceptionItemDto[]> {
    return this.queue.list(query);
  }

  /** Retry (or replay) every item matching the filter; each one is audited. */
  @Post('exceptions/retry')
  @HttpCode(200)
  @Scopes('ops:write')
  retryMatchingExceptions(@Body() body: BulkRetryRequestDto, @CurrentPrincipal() p: Principal): Promise<BulkRetryResultDto> {
    return this.queue.retryMatching(body, p.sub);
  }

  /** One item: payload, error, attempts and timeline. */
  @Get('exceptions/:kind/:id')
  @Scopes('ops:read')
  inspectException(
    @Param('kind', KIND) kind: ExceptionKind,
    @Param('id', new ParamPatternPipe('id')) id: string,
  ): Promise<ExceptionDetailDto> {
    return this.queue.inspect(kind, id);
  }

  /** Retry a failed order or return where it failed, try a waiting one now, or replay a dead letter. */
  @Post('exceptions/:kind/:id/retry')
  @HttpCode(200)
  @Scopes('ops:write')
  retryException(
    @Param('kind', KIND) kind: ExceptionKind,
    @Param('id', new ParamPatternPipe('id')) id: string,
    @Body() body: OperatorActionRequestDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<ExceptionDetailDto> {
    return this.queue.retry(kind, id, body, p.sub);
  }

  /** Take an item out of the queue for good, saying why: a failed order is cancelled, a waiting one cancelled with compensation. */
  @Post('exceptions/:kind/:id/discard')
  @HttpCode(200)
  @Scopes('ops:write')
  discardException(
    @Param('kind', KIND) kind: ExceptionKind,
    @Param('id', new ParamPatternPipe('id')) id: string,
    @Body() body: DiscardRequestDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<ExceptionDetailDto> {
    return this.queue.discard(kind, id, body, p.sub);
  }

  /**
   * Re-run a downstream consumer (e.g. crm-shipment-activity) over the events recorded since `from`; its effects are
   * idempotent, so events it already applied change nothing. Runs in the background (202); audited. Needs JetStream (409 otherwise).
   */
  @Post('consumers/:name/replay')
  @HttpCode(202)
  @Scopes('ops:write')
  replayConsumer(
    @Param('name', new ParamPatternPipe('name')) name: string,
    @Body() body: ConsumerReplayRequestDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<ConsumerReplayDto> {
    return this.queue.replayConsumer(name, body, p.sub);
  }

  /** The audit log of operator actions: who, when, what, why. */
  @Get('audit')
  @Scopes('ops:read')
  @ListLimit(500)
  operatorAudit(@Query() query: AuditQueryDto): Promise<OperatorActionDto[]> {
    return this.queue.audit(query);
  }
}
