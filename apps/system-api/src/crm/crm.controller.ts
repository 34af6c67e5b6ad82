import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { CrmActivityDto, CrmActivityRequestDto, CrmContactDto, CrmContactQueryDto, CrmContactRequestDto } from './crm.dto';
import { CRM_PORT, CrmPort } from './crm.port';
import { ParamPatternPipe } from '@weft/problem';

@ApiTags('crm')
@ApiBearerAuth()
@Controller('crm')
export class CrmController {
  constructor(@Inject(CRM_PORT) private readonly crm: CrmPort) {}

  /** Find the contact by normalised e-mail or phone, or create it. */
  @Post('contacts')
  @HttpCode(200)
  @Scopes('system:write')
  upsert(@Body() body: CrmContactRequestDto): Promise<CrmContactDto> {
    return this.crm.upsertContact(body);
  }

  @Get('contacts')
  @Scopes('system:read')
  @ListLimit(100)
  find(@Query() query: CrmContactQueryDto): Promise<CrmContactDto[]> {
    return this.crm.findContacts(query);
  }

  @Post('contacts/:id/activities')
  @HttpCode(200)
  @Scopes('system:write')
  addActivity(@Param('id', new ParamPatternPipe('id')) id: string, @Body() body: CrmActivityRequestDto): Promise<CrmActivityDto> {
    return this.crm.addActivity(id, body);
  }

  @Get('contacts/:id/activities')
  @Scopes('system:read')
  @ListLimit(1000)
  activities(@Param('id', new ParamPatternPipe('id')) id: string): Promise<CrmActivityDto[]> {
    return this.crm.listActivities(id);
  }
}
