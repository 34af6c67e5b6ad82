import type { ShipmentDto } from '@weft/retail-model';
import type { ShipmentView } from '../system/system.port';

export { ShipmentDto, ShipmentLineDto, ShipmentRequestDto } from '@weft/retail-model';

export function mapShipment(orderId: string, s: ShipmentView): ShipmentDto {
  return {
    orderId,
    shipmentId: s.shipmentId,
    state: s.state,
    lines: s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    ...(s.carrier ? { carrier: s.carrier } : {}),
    ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
  };
}
