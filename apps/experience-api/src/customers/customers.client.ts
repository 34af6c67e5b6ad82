import { bodyOf } from '@weft/clients';
import type { ProcessApi, ProcessSchemas } from '../process/process-api.client';

export const CUSTOMERS_CLIENT = Symbol('CUSTOMERS_CLIENT');

/** process-api's golden record and a system's report of its customer, as process-api's contract types them. */
export type GoldenCustomerView = ProcessSchemas['GoldenCustomerDto'];
export type SourceCustomerUpdate = ProcessSchemas['SourceCustomerUpdateDto'];

/** experience-api's calls to process-api's customer master. */
export class CustomersClient {
  constructor(private readonly api: ProcessApi) {}

  /** With a partner, process-api answers only a customer of that partner's orders (404 otherwise). */
  get(id: string, partnerId?: string): Promise<GoldenCustomerView> {
    return bodyOf(this.api.GET('/v1/customers/{id}', { params: { path: { id }, query: { partnerId } } }));
  }

  findByEmail(email: string): Promise<GoldenCustomerView[]> {
    return bodyOf(this.api.GET('/v1/customers', { params: { query: { email } } }));
  }

  merge(id: string, duplicateId: string, actor: string): Promise<GoldenCustomerView> {
    return bodyOf(this.api.POST('/v1/customers/{id}/merge', { params: { path: { id } }, body: { duplicateId, actor } }));
  }

  /** The actor (the connector's token subject) goes as x-weft-actor, as for the operations routes. */
  sourceUpdate(body: SourceCustomerUpdate, actor: string): Promise<GoldenCustomerView> {
    return bodyOf(this.api.POST('/v1/customers/source-updates', { body, headers: { 'x-weft-actor': actor } }));
  }
}
