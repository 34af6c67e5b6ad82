import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Idempotent, ListLimit, Principal, Scopes } from '@weft/gateway';
import { CustomerDto, CustomerLookupDto, CustomerSourceUpdateDto, MergeCustomerDto } from './customers.dto';
import { ExperienceCustomersService } from './customers.service';

@ApiTags('customers')
@ApiBearerAuth()
@Controller('customers')
export class CustomersController {
  constructor(private readonly customers: ExperienceCustomersService) {}

  /** Golden records by e-mail (matched trimmed and case-insensitively). */
  @Get()
  @Scopes('customers:read')
  @ListLimit(100)
  find(@Query() query: CustomerLookupDto, @CurrentPrincipal() principal: Principal): Promise<CustomerDto[]> {
    return this.customers.findByEmail(query.email, principal);
  }

  /**
   * A CRM or ERP connector reports a change to its customer; the master applies the attributes that system
   * owns and audits the rest. Replays with the same Idempotency-Key answer the first result.
   */
  @Post('source-updates')
  @HttpCode(200)
  @Scopes('customers:write')
  @Idempotent({ required: false })
  sourceUpdate(@Body() body: CustomerSourceUpdateDto, @CurrentPrincipal() principal: Principal): Promise<CustomerDto> {
    return this.customers.sourceUpdate(body, principal);
  }

  /** The golden record with every system's id; a merged id answers with the record it was merged into. */
  @Get(':id')
  @Scopes('customers:read')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentPrincipal() principal: Principal): Promise<CustomerDto> {
    return this.customers.get(id, principal);
  }

  /** Merges a duplicate found later into this record, keeping both histories. */
  @Post(':id/merge')
  @HttpCode(200)
  @Scopes('ops:write')
  @Idempotent({ required: false })
  merge(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: MergeCustomerDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<CustomerDto> {
    return this.customers.merge(id, body.duplicateId, principal);
  }
}
