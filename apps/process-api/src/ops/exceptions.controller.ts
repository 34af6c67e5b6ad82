import { Body, Controller, Get, Headers, HttpCode, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ParamPatternPipe } from '@weft/problem';
import { CurrentPrincipal, Principal, Scopes, ListLimit } from '@weft/gateway';
import { ConsumerReplayDto, ConsumerReplayRequestDto, EXCEPTION_KINDS, ExceptionKind } from '@weft/retail-model';
import { ConsumerReplayService } from './consumer-replay.service';
import {
  AuditQueryDto,
  BulkRetryRequestDto,
  BulkRetryResultDto,
  DiscardRequestDto,
  ExceptionDetailDto,
  ExceptionItemDto,
  ExceptionQueryDto,
  OperatorActionDto,
  OperatorActionRequestDto,
} from './exceptions.dto';
import { ExceptionsService } from './exceptions.service';

const KIND = new ParseEnumPipe(Object.fromEntries(EXCEPTION_KINDS.map((k) => [k, k])));
/** The operator the edge acts for; the service token says which service forwarded it. */
const ACTOR_HEADER = 'x-weft-actor';

function actorOf(header: string | undefined, principal: Principal): string {
  return header && /^[\w.@:-]{1,200}$/.test(header) ? header : principal.sub;
}

@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class ExceptionsController {
  constructor(
    private readonly exceptions: ExceptionsService,
    private readonly replays: ConsumerReplayService,
  ) {}

  /** Re-run a downstream consumer over the events since a timestamp (JetStream only; 409 on the in-process bus); audited. */
  @Post('consumers/:name/replay')
  @HttpCode(202)
  @Scopes('process:write')
  replayConsumer(
    @Param('name', new ParamPatternPipe('name')) name: string,
    @Body() body: ConsumerReplayRequestDto,
    @Headers(ACTOR_HEADER) actor: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<ConsumerReplayDto> {
    return this.replays.replay(name, body, actorOf(actor, p));
  }

  /** FAILED, WAITING_FOR_ERP and BACKORDERED orders, EXCEPTION and WAITING returns, and dead letters, oldest first. */
  @Get('exceptions')
  @Scopes('process:read')
  @ListLimit(500)
  listExceptions(@Query() query: ExceptionQueryDto): Promise<ExceptionItemDto[]> {
    return this.exceptions.list(query);
  }

  /** Retry every item matching the filter. */
  @Post('exceptions/retry')
  @HttpCode(200)
  @Scopes('process:write')
  retryMatchingExceptions(
    @Body() body: BulkRetryRequestDto,
    @Headers(ACTOR_HEADER) actor: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<BulkRetryResultDto> {
    return this.exceptions.retryMatching(body, actorOf(actor, p));
  }

  /** One item with its payload, error, attempts and timeline. */
  @Get('exceptions/:kind/:id')
  @Scopes('process:read')
  inspectException(
    @Param('kind', KIND) kind: ExceptionKind,
    @Param('id', new ParamPatternPipe('id')) id: string,
  ): Promise<ExceptionDetailDto> {
    return this.exceptions.inspect(kind, id);
  }

  @Post('exceptions/:kind/:id/retry')
  @HttpCode(200)
  @Scopes('process:write')
  async retryException(
    @Param('kind', KIND) kind: ExceptionKind,
    @Param('id', new ParamPatternPipe('id')) id: string,
    @Body() body: OperatorActionRequestDto,
    @Headers(ACTOR_HEADER) actor: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<ExceptionDetailDto> {
    await this.exceptions.retry(kind, id, actorOf(actor, p), body.reason ?? null);
    return this.exceptions.inspect(kind, id);
  }

  @Post('exceptions/:kind/:id/discard')
  @HttpCode(200)
  @Scopes('process:write')
  async discardException(
    @Param('kind', KIND) kind: ExceptionKind,
    @Param('id', new ParamPatternPipe('id')) id: string,
    @Body() body: DiscardRequestDto,
    @Headers(ACTOR_HEADER) actor: string | undefined,
    @CurrentPrincipal() p: Principal,
  ): Promise<ExceptionDetailDto> {
    await this.exceptions.discard(kind, id, actorOf(actor, p), body.reason);
    return this.exceptions.inspect(kind, id);
  }

  /** Who did what to which item, when and why. */
  @Get('audit')
  @Scopes('process:read')
  @ListLimit(500)
  operatorAudit(@Query() query: AuditQueryDto): Promise<OperatorActionDto[]> {
    return this.exceptions.auditLog(query);
  }
}
