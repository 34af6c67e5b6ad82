import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import { AddressDto, CustomerDto, OrderLineRequestDto } from '@weft/retail-model';

/** What a storefront or partner sends; the channel and partner come from its access token. */
export class CreateOrderDto {
  /** Your own order reference; sending the same reference twice returns the first order. */
  @IsOptional() @IsString() @MaxLength(120) @Matches(/^[A-Za-z0-9._:-]+$/) externalId?: string;
  @Matches(/^[A-Z]{3}$/) currency: string;
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => OrderLineRequestDto) lines: OrderLineRequestDto[];
  @IsOptional() @ValidateNested() @Type(() => CustomerDto) customer?: CustomerDto;
  @IsOptional() @ValidateNested() @Type(() => AddressDto) shippingAddress?: AddressDto;
  @IsIn(['authorized', 'paid', 'pending']) paymentStatus: 'authorized' | 'paid' | 'pending';
  @IsOptional() @IsInt() @Min(0) shippingMinor?: number;
}

export class OrderLookupDto {
  @IsIn(['shopify', 'storefront', 'partner', 'pos']) source: string;
  @IsString() @MaxLength(200) externalId: string;
}
