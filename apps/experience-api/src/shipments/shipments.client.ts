import { bodyOf } from '@weft/clients';
import type { ProcessApi, ProcessSchemas } from '../process/process-api.client';

export const SHIPMENTS_CLIENT = Symbol('SHIPMENTS_CLIENT');

/** experience-api's calls to process-api's shipment confirmations, typed by process-api's contract. */
export class ShipmentsClient {
  constructor(private readonly api: ProcessApi) {}

  confirm(body: ProcessSchemas['ShipmentRequestDto']): Promise<ProcessSchemas['ShipmentDto']> {
    return bodyOf(this.api.POST('/v1/shipments', { body }));
  }
}
