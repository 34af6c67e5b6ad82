/** What a system of record (CRM, ERP) reports of its customer: the same fields and bounds at the edge and in process-api. */
import { Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { AddressDto } from './order.dto';

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
