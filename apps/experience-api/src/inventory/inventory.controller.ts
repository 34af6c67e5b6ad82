import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { InventoryDto, InventoryLookupDto } from './inventory.dto';
import { ExperienceInventoryService } from './inventory.service';
import { ParamPatternPipe } from '@weft/problem';

@ApiTags('inventory')
@ApiBearerAuth()
@Controller('inventory')
export class InventoryController {
  constructor(private readonly inventory: ExperienceInventoryService) {}

  /** Availability of several SKUs in one call (`?skus=a,b`); unknown SKUs are left out. */
  @Get()
  @Scopes('inventory:read')
  @ListLimit(100)
  list(@Query() query: InventoryLookupDto): Promise<InventoryDto[]> {
    return this.inventory.list(query.skus);
  }

  /** Availability per location and per channel, with the time of the figures behind it. */
  @Get(':sku')
  @Scopes('inventory:read')
  get(@Param('sku', new ParamPatternPipe('sku')) sku: string): Promise<InventoryDto> {
    return this.inventory.get(sku);
  }
}
