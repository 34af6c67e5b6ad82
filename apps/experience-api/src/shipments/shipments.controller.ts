import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Idempotent, Scopes } from '@weft/gateway';
import { ShipmentDto, ShipmentRequestDto } from './shipments.dto';
import { ExperienceShipmentsService } from './shipments.service';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ExperienceShipmentsService) {}

  /**
   * The warehouse or 3PL that ships confirms a shipment (partial or split) for an order; the same
   * shipmentKey is recorded once. The order moves to (PARTIALLY_)FULFILLED, then is invoiced.
   */
  @Post()
  @HttpCode(200)
  @Scopes('shipments:write')
  @Idempotent({ required: false })
  confirm(@Body() body: ShipmentRequestDto): Promise<ShipmentDto> {
    return this.shipments.confirm(body);
  }
}
