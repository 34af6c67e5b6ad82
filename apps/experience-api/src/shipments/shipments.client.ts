import { LayerClient } from '@weft/clients';
import type { ShipmentDto, ShipmentRequestDto } from '@weft/retail-model';

export const SHIPMENTS_CLIENT = Symbol('SHIPMENTS_CLIENT');

/** experience-api's view of process-api's shipment confirmations. */
export class ShipmentsClient {
  constructor(private readonly http: LayerClient) {}

  confirm(body: ShipmentRequestDto): Promise<ShipmentDto> {
    return this.http.post('/v1/shipments', body);
  }
}
