import { LayerClient } from '@weft/clients';
import type { GoldenCustomerView } from './customers.dto';

export const CUSTOMERS_CLIENT = Symbol('CUSTOMERS_CLIENT');

/** experience-api's view of process-api's customer master. */
export class CustomersClient {
  constructor(private readonly http: LayerClient) {}

  get(id: string): Promise<GoldenCustomerView> {
    return this.http.get(`/v1/customers/${encodeURIComponent(id)}`);
  }

  findByEmail(email: string): Promise<GoldenCustomerView[]> {
    return this.http.get('/v1/customers', { query: { email } });
  }

  merge(id: string, duplicateId: string, actor: string): Promise<GoldenCustomerView> {
    return this.http.post(`/v1/customers/${encodeURIComponent(id)}/merge`, { duplicateId, actor });
  }
}
