import {
  Body,
  CanActivate,
  Controller,
  DynamicModule,
  ExecutionContext,
  Get,
  HttpCode,
  Inject,
  Injectable,
  Module,
  Param,
  Patch,
  Post,
  Res,
  UseGuards,
} from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExperienceConfig } from '../../apps/experience-api/src/experience.config';
import { LayerClient } from '@weft/clients';
import { loadConfig } from '@weft/config';
import {
  CurrentPrincipal,
  EdgeThrottlerGuard,
  GATEWAY_ENTITIES,
  GatewayModule,
  Idempotent,
  Principal,
  Public,
  RateLimitPolicy,
  RequestWithPrincipal,
  Scopes,
  ServiceTokenSigner,
} from '@weft/gateway';
import { PersistenceModule } from '@weft/persistence';
import { ConfigModule, createWeftApp, HealthModule, InfraModule } from '@weft/platform';
import { DomainError, ErrorCode } from '@weft/problem';

/** Counts handler executions, so tests can prove a replay did not run the handler again. */
@Injectable()
export class WidgetLedger {
  readonly executions = new Map<string, number>();
  count(name: string): number {
    const n = (this.executions.get(name) ?? 0) + 1;
    this.executions.set(name, n);
    return n;
  }
}

export class CreateWidgetDto {
  @IsString()
  @MaxLength(40)
  name: string;

  @Type(() => Number)
  @IsInt()
  @Min(0)
  quantity: number;

  /** Keeps the handler busy, to hold the idempotency lock while a second request arrives. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(5000)
  delayMs?: number;
}

export class PatchWidgetDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  quantity?: number;
}

export const DOWNSTREAM_URL = Symbol('DOWNSTREAM_URL');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

@Controller({ path: 'widgets', version: '1' })
export class WidgetsController {
  private readonly downstream: LayerClient;

  constructor(
    private readonly ledger: WidgetLedger,
    signer: ServiceTokenSigner,
    @Inject(DOWNSTREAM_URL) downstreamUrl: string,
  ) {
    this.downstream = new LayerClient(
      { caller: 'experience-api', audience: 'process-api', baseUrl: downstreamUrl, timeoutMs: 2000, scope: 'process:read' },
      signer,
    );
  }

  @Get()
  @Scopes('inventory:read')
  list(@CurrentPrincipal() principal: Principal): { sub: string; items: unknown[] } {
    return { sub: principal.sub, items: [] };
  }

  @Get('relay')
  @Scopes('inventory:read')
  relay(): Promise<unknown> {
    return this.downstream.get('/echo');
  }

  @Get('boom')
  @Scopes('inventory:read')
  boom(): never {
    throw new Error('db password is hunter2 at /srv/secret.ts:42');
  }

  @Get(':id')
  @Scopes('inventory:read')
  one(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Post()
  @Scopes('orders:write')
  @Idempotent({ required: true })
  async create(
    @Body() dto: CreateWidgetDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ id: string; name: string; quantity: number; execution: number }> {
    const execution = this.ledger.count(`create:${dto.name}`);
    if (dto.delayMs) await sleep(dto.delayMs);
    const id = `w-${dto.name}-${execution}`;
    void reply.header('Location', `/v1/widgets/${id}`);
    return { id, name: dto.name, quantity: dto.quantity, execution };
  }

  @Post('reject')
  @Scopes('orders:write')
  @Idempotent({ required: true })
  reject(@Body() dto: CreateWidgetDto): never {
    const n = this.ledger.count(`reject:${dto.name}`);
    throw new DomainError(ErrorCode.BUSINESS_RULE, `Widget ${dto.name} rejected (execution ${n}).`, { extensions: { rule: 'no-widgets' } });
  }

  @Post('flaky')
  @Scopes('orders:write')
  @Idempotent({ required: true })
  flaky(@Body() dto: CreateWidgetDto): { execution: number } {
    const n = this.ledger.count(`flaky:${dto.name}`);
    if (n === 1) throw new Error('transient failure');
    return { execution: n };
  }

  @Patch(':id')
  @Scopes('orders:write')
  @Idempotent({ required: false })
  patch(@Param('id') id: string, @Body() dto: PatchWidgetDto): { id: string; quantity?: number; execution: number } {
    return { id, quantity: dto.quantity, execution: this.ledger.count(`patch:${id}`) };
  }

  @Post('ping')
  @HttpCode(200)
  @Scopes('orders:write')
  ping(): { ok: true } {
    return { ok: true };
  }
}

/** A stand-in signature check: `x-widget-signature: valid` proves the sender named in `x-widget-sender`. */
@Injectable()
class WidgetSignatureGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest & RequestWithPrincipal>();
    if (request.headers['x-widget-signature'] !== 'valid')
      throw new DomainError(ErrorCode.INVALID_SIGNATURE, 'The signature does not verify.');
    request.verifiedSender = String(request.headers['x-widget-sender'] ?? 'anonymous');
    return true;
  }
}

@Public()
@RateLimitPolicy('webhooks')
@Controller({ path: 'webhooks', version: '1' })
export class WidgetWebhooksController {
  @Post('widgets')
  @HttpCode(202)
  @UseGuards(WidgetSignatureGuard, EdgeThrottlerGuard)
  receive(): { accepted: true } {
    return { accepted: true };
  }
}

/** The edge policies with nothing else: ExperienceConfig, infra, the gateway entities, forEdge(). */
@Module({})
export class WidgetsTestModule {
  static register(config: ExperienceConfig, downstreamUrl: string): DynamicModule {
    return {
      module: WidgetsTestModule,
      imports: [
        ConfigModule.forRoot(ExperienceConfig, config),
        InfraModule,
        PersistenceModule.forApp('experience', GATEWAY_ENTITIES),
        GatewayModule.forEdge(),
        HealthModule,
      ],
      controllers: [WidgetsController, WidgetWebhooksController],
      providers: [WidgetLedger, { provide: DOWNSTREAM_URL, useValue: downstreamUrl }],
    };
  }
}

export async function createWidgetsApp(env: Record<string, string>, downstreamUrl = 'http://127.0.0.1:9'): Promise<NestFastifyApplication> {
  const config = loadConfig(ExperienceConfig, env);
  const app = await createWeftApp(WidgetsTestModule.register(config, downstreamUrl), {
    service: 'widgets-test',
    config,
    trustProxy: config.trustProxy,
  });
  await app.listen(0, '127.0.0.1');
  return app;
}

export function urlOf(app: NestFastifyApplication): string {
  const address = app.getHttpServer().address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
