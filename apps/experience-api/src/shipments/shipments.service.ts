import { Inject, Injectable } from '@nestjs/common';
import { SHIPMENTS_CLIENT, ShipmentsClient } from './shipments.client';
import { mapShipment, ShipmentDto, ShipmentRequestDto } from './shipments.dto';

@Injectable()
export class ExperienceShipmentsService {
  constructor(@Inject(SHIPMENTS_CLIENT) private readonly process: ShipmentsClient) {}

  async confirm(body: ShipmentRequestDto): Promise<ShipmentDto> {
    return mapShipment(await this.process.confirm(body));
  }
}
