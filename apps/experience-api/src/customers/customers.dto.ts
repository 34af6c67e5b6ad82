import { ApiSchema } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDefined, IsIn, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { Address, SourceAttributesDto } from '@weft/retail-model';
import type { GoldenCustomerView, SourceCustomerUpdate } from './customers.client';

export class CustomerLookupDto {
  /** Matched normalised: surrounding spaces and letter case do not matter. */
  @IsString() @MaxLength(254) email: string;
}

export class MergeCustomerDto {
  /** The record found to be the same person; it is merged into the one in the path and redirects there. */
  @IsUUID() duplicateId: string;
}

/** The systems of record whose connectors report customer changes at the edge. */
export const CUSTOMER_SOURCE_SYSTEMS = ['crm', 'erp'] as const;

/** The shared attributes under the edge contract's schema name. */
export class CustomerSourceAttributesDto extends SourceAttributesDto {}

/** A CRM or ERP connector reports its customer; the master applies what that system owns (attribute ownership). */
export class CustomerSourceUpdateDto {
  @IsIn(CUSTOMER_SOURCE_SYSTEMS) system: (typeof CUSTOMER_SOURCE_SYSTEMS)[number];
  /** The customer's id in that system (contact id, customer number). */
  @IsString() @MinLength(1) @MaxLength(200) systemId: string;
  @IsDefined() @ValidateNested() @Type(() => CustomerSourceAttributesDto) attributes: CustomerSourceAttributesDto;
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

/** What process-api is sent: the connector's fields only. */
export function mapSourceUpdate(dto: CustomerSourceUpdateDto): SourceCustomerUpdate {
  const a = dto.attributes;
  return {
    system: dto.system,
    systemId: dto.systemId,
    attributes: {
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email,
      phone: a.phone,
      loyaltyId: a.loyaltyId,
      marketingConsent: a.marketingConsent,
      creditTerms: a.creditTerms,
      billingAddress: a.billingAddress,
      defaultShippingAddress: a.defaultShippingAddress,
    },
  };
}
