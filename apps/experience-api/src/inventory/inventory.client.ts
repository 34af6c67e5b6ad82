import { bodyOf } from '@weft/clients';
import type { ProcessApi, ProcessSchemas } from '../process/process-api.client';

export const INVENTORY_CLIENT = Symbol('INVENTORY_CLIENT');

/** process-api's availability, as its contract types it. */
export type InventoryView = ProcessSchemas['InventoryDto'];

/** experience-api's calls to process-api's inventory routes. */
export class InventoryClient {
  constructor(private readonly api: ProcessApi) {}

  get(sku: string): Promise<InventoryView> {
    return bodyOf(this.api.GET('/v1/inventory/{sku}', { params: { path: { sku } } }));
  }

  list(skus: string[]): Promise<InventoryView[]> {
    return bodyOf(this.api.GET('/v1/inventory', { params: { query: { skus: skus.join(',') } } }));
  }
}
