import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

/** Shipment confirmation contracts shared by the experience and process layers (warehouse / 3PL partners). */
export class ShipmentLineDto {
  @IsString() @MaxLength(64) sku: string;
  @IsInt() @Min(1) @Max(100_000) quantity: number;
}

export class ShipmentRequestDto {
  /** The Weft order that was shipped. */
  @IsUUID() orderId: string;
  /** The warehouse's own id for this shipment: confirming it twice records it once. */
  @IsString() @MaxLength(200) @Matches(/^[A-Za-z0-9._:-]+$/) shipmentKey: string;
  /** Omit to ship everything still open on the order (partial and split shipments list their lines). */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ShipmentLineDto)
  lines?: ShipmentLineDto[];
  @IsOptional() @IsString() @MaxLength(100) carrier?: string;
  @IsOptional() @IsString() @MaxLength(100) trackingNumber?: string;
}

export class ShipmentDto {
  @MaxLength(200) orderId: string;
  /** The ERP's id for the shipment. */
  @MaxLength(200) shipmentId: string;
  /** The ERP's shipment state (done once confirmed). */
  @MaxLength(64) state: string;
  @ArrayMaxSize(200) lines: ShipmentLineDto[];
  @MaxLength(100) carrier?: string;
  @MaxLength(100) trackingNumber?: string;
}
