import { LayerClient } from '@weft/clients';
import {
  CreateReturnDto,
  OrderDto,
  OrderSearchResultDto,
  PlaceOrderDto,
  PosReturnsBatchDto,
  PosReturnsResultDto,
  PosSalesBatchDto,
  PosSalesResultDto,
  ReturnDto,
  ReturnReceiptDto,
} from '@weft/retail-model';

export const PROCESS_CLIENT = Symbol('PROCESS_CLIENT');

/** experience-api's view of process-api: orders, returns and POS batches. */
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

  searchOrders(q: string): Promise<OrderSearchResultDto[]> {
    return this.http.get('/v1/ops/orders/search', { query: { q } });
  }

  createReturn(body: CreateReturnDto): Promise<ReturnDto> {
    return this.http.post('/v1/returns', body);
  }

  getReturn(id: string): Promise<ReturnDto> {
    return this.http.get(`/v1/returns/${encodeURIComponent(id)}`);
  }

  receiveReturn(id: string, body: ReturnReceiptDto): Promise<ReturnDto> {
    return this.http.post(`/v1/returns/${encodeURIComponent(id)}/receipt`, body);
  }

  posReturns(batch: PosReturnsBatchDto): Promise<PosReturnsResultDto> {
    return this.http.post('/v1/pos/returns', batch);
  }

  posSales(batch: PosSalesBatchDto): Promise<PosSalesResultDto> {
    return this.http.post('/v1/pos/sales', batch);
  }
}
