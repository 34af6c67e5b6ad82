import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Scopes } from '@weft/gateway';
import { ShipmentDto, ShipmentRequestDto } from './shipments.dto';
import { ShipmentsService } from './shipments.service';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  /** Warehouse shipment confirmation for an order (partial or split); the order moves on to (PARTIALLY_)FULFILLED. */
  @Post()
  @Scopes('process:write')
  confirm(@Body() body: ShipmentRequestDto): Promise<ShipmentDto> {
    return this.shipments.confirm(body);
  }
}
