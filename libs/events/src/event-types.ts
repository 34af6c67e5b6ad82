/** Versioned event type names. A breaking change to a payload gets a new version, never an edit. */
export const EventType = {
  OrderCreated: 'weft.order.created.v1',
  PaymentCaptured: 'weft.payment.captured.v1',
  InventoryReserved: 'weft.inventory.reserved.v1',
  InventoryAdjusted: 'weft.inventory.adjusted.v1',
  OrderSubmittedToErp: 'weft.order.submitted-to-erp.v1',
  ShipmentConfirmed: 'weft.shipment.confirmed.v1',
  OrderCancelled: 'weft.order.cancelled.v1',
  OrderStateChanged: 'weft.order.state-changed.v1',
  ReturnApproved: 'weft.return.approved.v1',
  ReturnReceived: 'weft.return.received.v1',
  RefundPosted: 'weft.refund.posted.v1',
  ErpShipmentRecorded: 'weft.erp.shipment-recorded.v1',
  ErpSalesOrderCancelled: 'weft.erp.sales-order-cancelled.v1',
} as const;

export type EventTypeName = (typeof EventType)[keyof typeof EventType];

export interface ShipmentRecordedData {
  salesOrderId: string;
  externalReference: string;
  shipmentId: string;
  lines: { sku: string; quantity: number }[];
  fullyShipped: boolean;
  carrier?: string;
  trackingNumber?: string;
}

/** A sales order the ERP itself cancelled (its users, or its own rules), as system-api's feed saw it. */
export interface ErpSalesOrderCancelledData {
  salesOrderId: string;
  number?: string;
  externalReference: string;
  /** When the ERP cancelled it (ISO 8601). */
  cancelledAt: string;
}
