import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ListLimit, Scopes } from '@weft/gateway';
import { ChannelWriteDto, InventoryDriftDto, InventoryDto, InventoryQueryDto, RefreshInventoryDto, SkuQueryDto } from './inventory.dto';
import { InventoryRecordsService } from './inventory-records.service';
import { InventoryService } from './inventory.service';
import { ParamPatternPipe } from '@weft/problem';

/** Availability per SKU, location and channel, read from the projection of the ERP's stock. */
@ApiTags('inventory')
@ApiBearerAuth()
@Controller()
export class InventoryController {
  constructor(
    private readonly inventory: InventoryService,
    private readonly records: InventoryRecordsService,
  ) {}

  @Get('inventory')
  @Scopes('process:read')
  @ListLimit(100)
  list(@Query() query: InventoryQueryDto): Promise<InventoryDto[]> {
    return this.inventory.list(query.skus.split(','));
  }

  @Get('inventory/:sku')
  @Scopes('process:read')
  get(@Param('sku', new ParamPatternPipe('sku')) sku: string): Promise<InventoryDto> {
    return this.inventory.get(sku);
  }

  /** Re-reads the given SKUs from the ERP now. */
  @Post('inventory/refresh')
  @HttpCode(200)
  @Scopes('process:write')
  @ListLimit(100)
  refresh(@Body() body: RefreshInventoryDto): Promise<InventoryDto[]> {
    return this.inventory.refresh(body.skus).then(() => this.inventory.list(body.skus));
  }

  @Get('inventory-drift')
  @Scopes('process:read')
  @ListLimit(1000)
  drift(@Query() query: SkuQueryDto): Promise<InventoryDriftDto[]> {
    return this.records.drift(query.sku);
  }

  @Get('channel-inventory-writes')
  @Scopes('process:read')
  @ListLimit(1000)
  writes(@Query() query: SkuQueryDto): Promise<ChannelWriteDto[]> {
    return this.records.channelWrites(query.sku);
  }
}
