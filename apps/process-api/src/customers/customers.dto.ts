import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { AddressDto, SourceAttributesDto } from '@weft/retail-model';
import { CUSTOMER_SYSTEMS, CustomerAttributes, CustomerSystem } from './customer-attributes';
import { CustomerAudit, CustomerPropagation, CustomerXref, GoldenCustomer } from './customer.entities';
import { attributesOf } from './customer-records';

export class CustomerQueryDto {
  /** Matched normalised: surrounding spaces and letter case do not matter. */
  @IsString() @MaxLength(254) email: string;
}

export class CustomerReadDto {
  /** Answer only if the record is the customer of one of this partner's orders (404 otherwise): the edge's partner tokens. */
  @IsOptional() @IsString() @MaxLength(100) partnerId?: string;
}

export class MergeCustomerDto {
  @IsUUID() duplicateId: string;
  /** Who asked (the edge passes the caller's token subject). */
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

/** A system of record reports its customer (CRM contact, ERP customer): applied as its ownership allows. */
export class SourceCustomerUpdateDto {
  @IsIn(CUSTOMER_SYSTEMS) system: CustomerSystem;
  @IsString() @MaxLength(200) systemId: string;
  @IsDefined() @ValidateNested() @Type(() => SourceAttributesDto) attributes: SourceAttributesDto;
}

export class CrossReferenceDto {
  @MaxLength(200) system: string;
  @MaxLength(200) systemId: string;
  @MaxLength(40) linkedAt: string;
}

export class GoldenCustomerDto implements CustomerAttributes {
  @MaxLength(200) id: string;
  @MaxLength(200) firstName?: string;
  @MaxLength(200) lastName?: string;
  @MaxLength(254) email?: string;
  @MaxLength(40) phone?: string;
  @MaxLength(200) loyaltyId?: string;
  marketingConsent?: boolean;
  @MaxLength(200) creditTerms?: string;
  billingAddress?: AddressDto;
  defaultShippingAddress?: AddressDto;
  @ArrayMaxSize(100) crossReferences: CrossReferenceDto[];
  /** Ids merged into this record; each still resolves here. */
  @ArrayMaxSize(100) @MaxLength(200, { each: true }) mergedIds: string[];
  /** Set when the id asked for was merged into this record. */
  @MaxLength(200) redirectedFrom?: string;
  @MaxLength(40) createdAt: string;
  @MaxLength(40) updatedAt: string;
}

export class CustomerAuditDto {
  @MaxLength(200) kind: string;
  @MaxLength(200) attribute: string | null;
  oldValue: unknown;
  newValue: unknown;
  @MaxLength(200) sourceSystem: string;
  @MaxLength(200) actor: string;
  @MaxLength(2000) detail: string | null;
  @MaxLength(40) at: string;
}

export class CustomerPropagationDto {
  @MaxLength(200) eventId: string;
  @MaxLength(200) sourceSystem: string;
  @MaxLength(200) target: string;
  @MaxLength(200) targetId: string;
  @MaxLength(40) at: string;
}

export function mapCustomer(g: GoldenCustomer, xrefs: CustomerXref[], mergedIds: string[], requestedId?: string): GoldenCustomerDto {
  return {
    id: g.id,
    ...attributesOf(g),
    crossReferences: xrefs
      .map((x) => ({ system: x.system, systemId: x.systemId, linkedAt: x.linkedAt }))
      .sort((a, b) => a.system.localeCompare(b.system) || a.systemId.localeCompare(b.systemId)),
    mergedIds,
    ...(requestedId && requestedId !== g.id ? { redirectedFrom: requestedId } : {}),
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

export function mapAudit(a: CustomerAudit): CustomerAuditDto {
  return {
    kind: a.kind,
    attribute: a.attribute,
    oldValue: parse(a.oldValue),
    newValue: parse(a.newValue),
    sourceSystem: a.sourceSystem,
    actor: a.actor,
    detail: a.detail,
    at: a.at,
  };
}

export function mapPropagation(p: CustomerPropagation): CustomerPropagationDto {
  return { eventId: p.eventId, sourceSystem: p.sourceSystem, target: p.target, targetId: p.targetId, at: p.at };
}
