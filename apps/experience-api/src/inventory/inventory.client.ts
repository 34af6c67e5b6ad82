import { LayerClient } from '@weft/clients';
import type { InventoryView } from './inventory.dto';

export const INVENTORY_CLIENT = Symbol('INVENTORY_CLIENT');

/** experience-api's view of process-api's inventory routes. */
export class InventoryClient {
  constructor(private readonly http: LayerClient) {}

  get(sku: string): Promise<InventoryView> {
    return this.http.get(`/v1/inventory/${encodeURIComponent(sku)}`);
  }

  list(skus: string[]): Promise<InventoryView[]> {
    return this.http.get('/v1/inventory', { query: { skus: skus.join(',') } });
  }
}
