import type { ShipmentDto } from '@weft/retail-model';

export { ShipmentDto, ShipmentLineDto, ShipmentRequestDto } from '@weft/retail-model';

/** Only the documented members go out, whatever process-api adds later. */
export function mapShipment(s: ShipmentDto): ShipmentDto {
  return {
    orderId: s.orderId,
    shipmentId: s.shipmentId,
    state: s.state,
    lines: s.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    ...(s.carrier ? { carrier: s.carrier } : {}),
    ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
  };
}
