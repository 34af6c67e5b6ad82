import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { cloudEvent, EventType, ShipmentRecordedData } from '@weft/events';
import { OutboxWriter } from '@weft/messaging';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { ErpGateway } from './erp.gateway';
import { ErpShipment, ErpShipmentInput } from './erp.port';

export const SYSTEM_SOURCE = '/weft/system-api/erp';

/** Deterministic: the same ERP shipment always yields the same event id, so a retried call emits once. */
export function eventIdFor(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

@Injectable()
export class ErpService {
  constructor(
    readonly gateway: ErpGateway,
    private readonly outbox: OutboxWriter,
    private readonly uow: UnitOfWork,
  ) {}

  get erp(): ErpGateway['erp'] {
    return this.gateway.erp;
  }

  /** The warehouse confirms a shipment; process-api hears of it through the outbox, exactly once. */
  async confirmShipment(salesOrderId: string, input: ErpShipmentInput): Promise<ErpShipment> {
    const shipment = await this.erp.confirmShipment(salesOrderId, input);
    const so = await this.erp.getSalesOrder(salesOrderId);
    const data: ShipmentRecordedData = {
      salesOrderId,
      externalReference: so.externalReference,
      shipmentId: shipment.shipmentId,
      lines: shipment.lines,
      fullyShipped: so.lines.every((l) => l.shippedQuantity >= l.quantity),
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
    };
    const event = {
      ...cloudEvent(EventType.ErpShipmentRecorded, SYSTEM_SOURCE, so.externalReference, data),
      id: eventIdFor(`shipment:${shipment.shipmentId}`),
    };
    try {
      await this.uow.run((m) => this.outbox.append(m, [event]));
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
    return shipment;
  }
}
