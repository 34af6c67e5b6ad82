import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Idempotent, Scopes, ListLimit } from '@weft/gateway';
import { DeadLetterDto, OrderDto } from './ops.dto';
import { ExperienceOpsService } from './ops.service';

/** Operator routes: what the ops console uses, behind the edge like every outside caller. */
@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops')
export class OpsController {
  constructor(private readonly ops: ExperienceOpsService) {}

  /** Events a consumer gave up on after its retries, newest first (at most 200; the contract caps lists at 500). */
  @Get('dead-letters')
  @Scopes('ops:read')
  @ListLimit(500)
  deadLetters(): Promise<DeadLetterDto[]> {
    return this.ops.deadLetters();
  }

  /** Publishes the event again; consumers are idempotent, so only the one that failed acts on it. */
  @Post('dead-letters/:id/replay')
  @HttpCode(200)
  @Scopes('ops:write')
  @Idempotent({ required: false })
  replay(@Param('id', new ParseUUIDPipe()) id: string): Promise<DeadLetterDto> {
    return this.ops.replay(id);
  }

  /** Puts a FAILED order back at the step that failed, with fresh attempts (409 if it is not FAILED). */
  @Post('orders/:id/retry')
  @HttpCode(200)
  @Scopes('ops:write')
  @Idempotent({ required: false })
  retryOrder(@Param('id', new ParseUUIDPipe()) id: string): Promise<OrderDto> {
    return this.ops.retryOrder(id);
  }
}
