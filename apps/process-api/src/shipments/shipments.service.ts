import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@weft/problem';
import { ShipmentDto, ShipmentRequestDto } from '@weft/retail-model';
import { OrderStore } from '../orders/order.store';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';
import { mapShipment } from './shipments.dto';

/**
 * A warehouse or 3PL confirms what it shipped for a Weft order. The ERP records the shipment (once per
 * shipmentKey) and notifies process-api, which moves the order on as for any ERP shipment.
 */
@Injectable()
export class ShipmentsService {
  constructor(
    private readonly orders: OrderStore,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async confirm(request: ShipmentRequestDto): Promise<ShipmentDto> {
    const order = await this.orders.findById(request.orderId);
    if (!order) throw new DomainError(ErrorCode.NOT_FOUND, `No order ${request.orderId}`);
    if (!order.erpSalesOrderId) {
      throw new DomainError(ErrorCode.CONFLICT, `Order ${order.id} is ${order.state}: it has no ERP sales order to ship yet`);
    }
    const { orderId: _orderId, ...input } = request;
    return mapShipment(order.id, await this.system.confirmShipment(order.erpSalesOrderId, input));
  }
}
