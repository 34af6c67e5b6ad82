import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { AddressDto } from '@weft/retail-model';
import { CUSTOMER_SYSTEMS, CustomerAttributes, CustomerSystem } from './customer-attributes';
import { CustomerAudit, CustomerPropagation, CustomerXref, GoldenCustomer } from './customer.entities';
import { attributesOf } from './customer-records';

export class CustomerQueryDto {
  /** Matched normalised: surrounding spaces and letter case do not matter. */
  @IsString() @MaxLength(254) email: string;
}

export class MergeCustomerDto {
  @IsUUID() duplicateId: string;
  /** Who asked (the edge passes the caller's token subject). */
  @IsOptional() @IsString() @MaxLength(200) actor?: string;
}

export class SourceAttributesDto {
  @IsOptional() @IsString() @MaxLength(100) firstName?: string;
  @IsOptional() @IsString() @MaxLength(100) lastName?: string;
  @IsOptional() @IsString() @MaxLength(254) email?: string;
  @IsOptional() @IsString() @MaxLength(40) phone?: string;
  @IsOptional() @IsString() @MaxLength(100) loyaltyId?: string;
  @IsOptional() @IsBoolean() marketingConsent?: boolean;
  @IsOptional() @IsString() @MaxLength(100) creditTerms?: string;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) billingAddress?: AddressDto;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) defaultShippingAddress?: AddressDto;
}

/** A system of record reports its customer (CRM contact, ERP customer): applied as its ownership allows. */
export class SourceCustomerUpdateDto {
  @IsIn(CUSTOMER_SYSTEMS) system: CustomerSystem;
  @IsString() @MaxLength(200) systemId: string;
  @ValidateNested() @Type(() => SourceAttributesDto) attributes: SourceAttributesDto;
}

export class CrossReferenceDto {
  system: string;
  systemId: string;
  linkedAt: string;
}

export class GoldenCustomerDto implements CustomerAttributes {
  id: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  loyaltyId?: string;
  marketingConsent?: boolean;
  creditTerms?: string;
  billingAddress?: AddressDto;
  defaultShippingAddress?: AddressDto;
  crossReferences: CrossReferenceDto[];
  /** Ids merged into this record; each still resolves here. */
  mergedIds: string[];
  /** Set when the id asked for was merged into this record. */
  redirectedFrom?: string;
  createdAt: string;
  updatedAt: string;
}

export class CustomerAuditDto {
  kind: string;
  attribute: string | null;
  oldValue: unknown;
  newValue: unknown;
  sourceSystem: string;
  actor: string;
  detail: string | null;
  at: string;
}

export class CustomerPropagationDto {
  eventId: string;
  sourceSystem: string;
  target: string;
  targetId: string;
  at: string;
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
