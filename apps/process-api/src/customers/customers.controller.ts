import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ListLimit, Principal, Scopes } from '@weft/gateway';
import { CustomerIntakeService } from './customer-intake.service';
import { CustomerMergeService } from './customer-merge.service';
import { CustomerQueryService } from './customer-query.service';
import {
  CustomerAuditDto,
  CustomerPropagationDto,
  CustomerQueryDto,
  CustomerReadDto,
  GoldenCustomerDto,
  MergeCustomerDto,
  SourceCustomerUpdateDto,
} from './customers.dto';

/** The connector the edge acts for (its token subject); the service token says which layer forwarded it. */
const ACTOR_HEADER = 'x-weft-actor';
const forwardedActor = (header: string | undefined, principal: Principal): string =>
  header && /^[\w.@:-]{1,200}$/.test(header) ? header : principal.sub;

/** The customer master: golden records with every system's id, their history and merges. */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(
    private readonly query: CustomerQueryService,
    private readonly merges: CustomerMergeService,
    private readonly intake: CustomerIntakeService,
  ) {}

  @Get()
  @Scopes('process:read')
  @ListLimit(100)
  find(@Query() q: CustomerQueryDto): Promise<GoldenCustomerDto[]> {
    return this.query.findByEmail(q.email);
  }

  /** A system of record (CRM, ERP) reports its customer; applied as attribute ownership allows. */
  @Post('source-updates')
  @HttpCode(200)
  @Scopes('process:write')
  sourceUpdate(
    @Body() body: SourceCustomerUpdateDto,
    @Headers(ACTOR_HEADER) actor: string | undefined,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GoldenCustomerDto> {
    return this.intake.fromSystem(body, forwardedActor(actor, principal));
  }

  @Get(':id')
  @Scopes('process:read')
  get(@Param('id', new ParseUUIDPipe()) id: string, @Query() q: CustomerReadDto): Promise<GoldenCustomerDto> {
    return this.query.get(id, q.partnerId);
  }

  @Get(':id/audit')
  @Scopes('process:read')
  @ListLimit(1000)
  audit(@Param('id', new ParseUUIDPipe()) id: string): Promise<CustomerAuditDto[]> {
    return this.query.audit(id);
  }

  @Get(':id/propagations')
  @Scopes('process:read')
  @ListLimit(1000)
  propagations(@Param('id', new ParseUUIDPipe()) id: string): Promise<CustomerPropagationDto[]> {
    return this.query.propagations(id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Scopes('process:write')
  merge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MergeCustomerDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<GoldenCustomerDto> {
    return this.merges.merge(id, body.duplicateId, body.actor ?? principal.sub).then((survivor) => this.query.get(survivor));
  }
}
