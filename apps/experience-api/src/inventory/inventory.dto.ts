import type { InventoryView } from './inventory.client';
import { ArrayMaxSize, IsString, Matches, MaxLength } from 'class-validator';

export class InventoryLookupDto {
  /** Comma-separated SKUs, at most 100: `?skus=SKU-A,SKU-B`. */
  @IsString()
  @MaxLength(6600)
  @Matches(/^[^,\s]{1,64}(,[^,\s]{1,64}){0,99}$/, { message: 'skus must be 1 to 100 comma-separated SKUs' })
  skus: string;
}

export class LocationAvailabilityDto {
  @MaxLength(200) locationId: string;
  /** What each channel may sell at this location (after reservations, pending till sales and safety stock). */
  channels: Record<string, number>;
  onHand: number;
  reserved: number;
  @MaxLength(40) asOf: string;
}

export class InventoryDto {
  @MaxLength(200) sku: string;
  /** Per channel, summed over locations. */
  channels: Record<string, number>;
  @ArrayMaxSize(100) locations: LocationAvailabilityDto[];
  @MaxLength(40) asOf: string;
}

/** Channels see availability and the ERP's on-hand/reserved; pending till sales are folded into `reserved`. */
export function mapInventory(v: InventoryView): InventoryDto {
  return {
    sku: v.sku,
    channels: { ...v.channels },
    asOf: v.asOf,
    locations: v.locations.map((l) => ({
      locationId: l.locationId,
      channels: { ...l.channels },
      onHand: l.onHand,
      reserved: l.reserved + l.pending,
      asOf: l.asOf,
    })),
  };
}
