import { bodyOf } from '@weft/clients';
import type { OrderChannel } from '@weft/retail-model';
import type { ProcessApi, ProcessSchemas } from '../process/process-api.client';

export const PROCESS_CLIENT = Symbol('PROCESS_CLIENT');

/** process-api's orders, returns and POS shapes, as its contract types them. */
export type PlaceOrderCommand = ProcessSchemas['PlaceOrderDto'];
export type OrderView = ProcessSchemas['OrderDto'];
export type OrderSearchResultView = ProcessSchemas['OrderSearchResultDto'];
export type CreateReturnCommand = ProcessSchemas['CreateReturnDto'];
export type ReturnReceiptCommand = ProcessSchemas['ReturnReceiptDto'];
export type ReturnView = ProcessSchemas['ReturnDto'];
export type PosSalesBatchCommand = ProcessSchemas['PosSalesBatchDto'];
export type PosSalesResultView = ProcessSchemas['PosSalesResultDto'];
export type PosReturnsBatchCommand = ProcessSchemas['PosReturnsBatchDto'];
export type PosReturnsResultView = ProcessSchemas['PosReturnsResultDto'];

/** experience-api's calls to process-api: orders, returns and POS batches. */
export class ProcessClient {
  constructor(private readonly api: ProcessApi) {}

  placeOrder(body: PlaceOrderCommand): Promise<OrderView> {
    return bodyOf(this.api.POST('/v1/orders', { body }));
  }

  getOrder(id: string): Promise<OrderView> {
    return bodyOf(this.api.GET('/v1/orders/{id}', { params: { path: { id } } }));
  }

  findOrders(source: OrderChannel, externalId: string): Promise<OrderView[]> {
    return bodyOf(this.api.GET('/v1/orders', { params: { query: { source, externalId } } }));
  }

  searchOrders(q: string): Promise<OrderSearchResultView[]> {
    return bodyOf(this.api.GET('/v1/ops/orders/search', { params: { query: { q } } }));
  }

  createReturn(body: CreateReturnCommand): Promise<ReturnView> {
    return bodyOf(this.api.POST('/v1/returns', { body }));
  }

  getReturn(id: string): Promise<ReturnView> {
    return bodyOf(this.api.GET('/v1/returns/{id}', { params: { path: { id } } }));
  }

  receiveReturn(id: string, body: ReturnReceiptCommand): Promise<ReturnView> {
    return bodyOf(this.api.POST('/v1/returns/{id}/receipt', { params: { path: { id } }, body }));
  }

  posReturns(body: PosReturnsBatchCommand): Promise<PosReturnsResultView> {
    return bodyOf(this.api.POST('/v1/pos/returns', { body }));
  }

  posSales(body: PosSalesBatchCommand): Promise<PosSalesResultView> {
    return bodyOf(this.api.POST('/v1/pos/sales', { body }));
  }
}
