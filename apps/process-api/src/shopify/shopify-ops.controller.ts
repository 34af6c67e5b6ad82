import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes, ListLimit } from '@weft/gateway';
import { ShopifyCatchUpService } from './shopify-catch-up.service';
import {
  CatchUpCountDto,
  CatchUpCountQueryDto,
  CatchUpPageDto,
  CatchUpPageRequestDto,
  CatchUpRequestDto,
  CatchUpRunDto,
  CatchUpStateDto,
  mapCatchUpState,
} from './shopify-ops.dto';

/** Operators' Shopify catch-up: on demand, one page at a time (the CLI's progress bar), and its state. */
@ApiTags('ops')
@ApiBearerAuth()
@Controller('ops/shopify')
export class ShopifyOpsController {
  constructor(private readonly catchUp: ShopifyCatchUpService) {}

  /** Each shop's catch-up watermark and last run. */
  @Get('catch-up')
  @Scopes('process:read')
  @ListLimit(500)
  async states(): Promise<CatchUpStateDto[]> {
    return (await this.catchUp.states()).map(mapCatchUpState);
  }

  /** Catches one shop up from `since` (default: its watermark) to now. */
  @Post('catch-up')
  @HttpCode(200)
  @Scopes('process:write')
  run(@Body() body: CatchUpRequestDto): Promise<CatchUpRunDto> {
    return this.catchUp.run(body.shop, body.since);
  }

  /** One page of a catch-up (the CLI's unit of progress); moves the watermark forward only. */
  @Post('catch-up/page')
  @HttpCode(200)
  @Scopes('process:write')
  page(@Body() body: CatchUpPageRequestDto): Promise<CatchUpPageDto> {
    return this.catchUp.page(body.shop, body.since, body.after);
  }

  /** How many orders a catch-up from `since` would check. */
  @Get('catch-up/count')
  @Scopes('process:read')
  async count(@Query() q: CatchUpCountQueryDto): Promise<CatchUpCountDto> {
    return { count: await this.catchUp.count(q.shop, q.since) };
  }
}
