import { LayerClient } from '@weft/clients';
import { OrderDto, PlaceOrderDto, PosSalesBatchDto, PosSalesResultDto } from '@weft/retail-model';

export const PROCESS_CLIENT = Symbol('PROCESS_CLIENT');

/** experience-api's view of process-api: orders and POS sales. */
export class ProcessClient {
  constructor(private readonly http: LayerClient) {}

  placeOrder(body: PlaceOrderDto): Promise<OrderDto> {
    return this.http.post('/v1/orders', body);
  }

  getOrder(id: string): Promise<OrderDto> {
    return this.http.get(`/v1/orders/${encodeURIComponent(id)}`);
  }

  findOrders(source: string, externalId: string): Promise<OrderDto[]> {
    return this.http.get('/v1/orders', { query: { source, externalId } });
  }

  posSales(batch: PosSalesBatchDto): Promise<PosSalesResultDto> {
    return this.http.post('/v1/pos/sales', batch);
  }
}
