import { ApiSchema } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { Address } from '@weft/retail-model';

export class CustomerLookupDto {
  /** Matched normalised: surrounding spaces and letter case do not matter. */
  @IsString() @MaxLength(254) email: string;
}

export class MergeCustomerDto {
  /** The record found to be the same person; it is merged into the one in the path and redirects there. */
  @IsUUID() duplicateId: string;
}

// The order's CustomerDto (@weft/retail-model) has this class name too: one schema name per class.
@ApiSchema({ name: 'CustomerRecordDto' })
export class CustomerDto {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  loyaltyId?: string;
  marketingConsent?: boolean;
  creditTerms?: string;
  billingAddress?: Address;
  defaultShippingAddress?: Address;
  /** Every system's id for this person (shopify, pos, crm, erp, …). */
  crossReferences: { system: string; systemId: string; linkedAt: string }[];
  mergedIds: string[];
  redirectedFrom?: string;
  createdAt: string;
  updatedAt: string;
}

/** process-api's golden record, as this layer reads it: the same shape as this layer's contract. */
export type GoldenCustomerView = CustomerDto;

export function mapCustomer(v: GoldenCustomerView): CustomerDto {
  return {
    id: v.id,
    firstName: v.firstName,
    lastName: v.lastName,
    email: v.email,
    phone: v.phone,
    loyaltyId: v.loyaltyId,
    marketingConsent: v.marketingConsent,
    creditTerms: v.creditTerms,
    billingAddress: v.billingAddress,
    defaultShippingAddress: v.defaultShippingAddress,
    crossReferences: v.crossReferences.map((x) => ({ ...x })),
    mergedIds: [...v.mergedIds],
    ...(v.redirectedFrom ? { redirectedFrom: v.redirectedFrom } : {}),
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}
