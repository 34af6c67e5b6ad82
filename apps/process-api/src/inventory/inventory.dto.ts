import { ArrayMaxSize, IsString, Matches, MaxLength } from 'class-validator';
import { channelAvailability } from './availability';
import { InventoryConfig } from './inventory.config';
import { InventoryDrift, ChannelInventoryWrite } from './inventory.entities';
import { LocationFigures } from './inventory.store';

export class InventoryQueryDto {
  /** Comma-separated SKUs (at most 100). */
  @IsString()
  @MaxLength(6600)
  @Matches(/^[^,\s]{1,64}(,[^,\s]{1,64}){0,99}$/, { message: 'skus must be 1 to 100 comma-separated SKUs' })
  skus: string;
}

export class SkuQueryDto {
  @IsString() @MaxLength(64) sku: string;
}

export class RefreshInventoryDto {
  @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(64, { each: true }) skus: string[];
}

export class LocationAvailabilityDto {
  @MaxLength(200) locationId: string;
  onHand: number;
  reserved: number;
  /** Held in Weft's ledger (a till sale, a storefront or partner order) but not yet reserved or shipped in the ERP. */
  pending: number;
  /** What each channel may sell here: onHand − reserved − pending − the channel's safety stock (0 where it does not sell). */
  channels: Record<string, number>;
  @MaxLength(40) asOf: string;
}

export class InventoryDto {
  @MaxLength(200) sku: string;
  /** Per channel, summed over locations. */
  channels: Record<string, number>;
  @ArrayMaxSize(100) locations: LocationAvailabilityDto[];
  /** The latest change to the figures behind this answer. */
  @MaxLength(40) asOf: string;
}

export class InventoryDriftDto {
  @MaxLength(200) id: string;
  @MaxLength(200) channel: string;
  @MaxLength(200) sku: string;
  @MaxLength(200) locationId: string;
  channelValue: number | null;
  erpValue: number;
  onHand: number;
  reserved: number;
  @MaxLength(200) source: string;
  @MaxLength(40) at: string;
}

export class ChannelWriteDto {
  @MaxLength(200) channel: string;
  /** The shop's domain; null: system-api's first shop (the write named none), or recorded before shops were. */
  @MaxLength(255) shop: string | null;
  @MaxLength(200) sku: string;
  @MaxLength(200) locationId: string;
  @MaxLength(200) channelItemId: string;
  @MaxLength(200) channelLocationId: string;
  available: number;
  @MaxLength(2000) reason: string;
  @MaxLength(40) at: string;
  /** written | drift | failed | recorded (reference adapter, nothing sent). */
  @MaxLength(20) status: string;
  @MaxLength(2000) detail: string | null;
}

export function mapInventory(
  figures: LocationFigures[],
  config: Pick<InventoryConfig, 'safety' | 'channels' | 'channelLocations'>,
): InventoryDto {
  const locations = figures.map((f) => ({
    locationId: f.locationId,
    onHand: f.onHand,
    reserved: f.reserved,
    pending: f.pending,
    channels: channelAvailability(f, config.safety, config.channels, f.locationId, config.channelLocations),
    asOf: f.updatedAt,
  }));
  const channels = Object.fromEntries(config.channels.map((c) => [c, locations.reduce((a, l) => a + l.channels[c], 0)]));
  return {
    sku: figures[0].sku,
    channels,
    locations,
    asOf: locations
      .map((l) => l.asOf)
      .sort()
      .at(-1)!,
  };
}

export function mapDrift(d: InventoryDrift): InventoryDriftDto {
  return {
    id: d.id,
    channel: d.channel,
    sku: d.sku,
    locationId: d.locationId,
    channelValue: d.channelValue,
    erpValue: d.erpValue,
    onHand: d.onHand,
    reserved: d.reserved,
    source: d.source,
    at: d.at,
  };
}

export function mapChannelWrite(w: ChannelInventoryWrite): ChannelWriteDto {
  return {
    channel: w.channel,
    shop: w.shop,
    sku: w.sku,
    locationId: w.locationId,
    channelItemId: w.channelItemId,
    channelLocationId: w.channelLocationId,
    available: w.available,
    reason: w.reason,
    at: w.at,
    status: w.status,
    detail: w.detail,
  };
}
