import { ApiSchema } from '@nestjs/swagger';
import { ArrayMaxSize, IsString, IsUUID, MaxLength } from 'class-validator';
import { Address } from '@weft/retail-model';

export class CustomerLookupDto {
  /** Matched normalised: surrounding spaces and letter case do not matter. */
  @IsString() @MaxLength(254) email: string;
}

export class MergeCustomerDto {
  /** The record found to be the same person; it is merged into the one in the path and redirects there. */
  @IsUUID() duplicateId: string;
}

export class CustomerCrossReferenceDto {
  @MaxLength(40) system: string;
  @MaxLength(200) systemId: string;
  @MaxLength(40) linkedAt: string;
}

// The order's CustomerDto (@weft/retail-model) has this class name too: one schema name per class.
@ApiSchema({ name: 'CustomerRecordDto' })
export class CustomerDto {
  @MaxLength(200) id: string;
  @MaxLength(200) firstName?: string;
  @MaxLength(200) lastName?: string;
  @MaxLength(254) email?: string;
  @MaxLength(40) phone?: string;
  @MaxLength(200) loyaltyId?: string;
  marketingConsent?: boolean;
  @MaxLength(200) creditTerms?: string;
  billingAddress?: Address;
  defaultShippingAddress?: Address;
  /** Every system's id for this person (shopify, pos, crm, erp, …). */
  @ArrayMaxSize(100) crossReferences: CustomerCrossReferenceDto[];
  @ArrayMaxSize(100) @MaxLength(200, { each: true }) mergedIds: string[];
  @MaxLength(200) redirectedFrom?: string;
  @MaxLength(40) createdAt: string;
  @MaxLength(40) updatedAt: string;
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
