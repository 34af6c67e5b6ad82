/** Safety stock per channel and location: { "storefront": { "WH-MAIN": 2, "*": 1 }, "pos": {} }. */
export type SafetyStock = Record<string, Record<string, number>>;

/** Locations each channel sells from: { "storefront": ["WH-MAIN"] }. A channel not listed sells from every location. */
export type ChannelLocations = Record<string, readonly string[]>;

/** Whether a channel may sell stock held at a location (a storefront cannot sell what sits at a store). */
export function sellsFrom(locations: ChannelLocations, channel: string, locationId: string): boolean {
  const allowed = locations[channel];
  return !allowed || allowed.includes(locationId);
}

export interface StockFigures {
  /** On hand and reserved as last read from the ERP (the system of record). */
  onHand: number;
  reserved: number;
  /** Units Weft's ledger holds (a till sale, a storefront or partner order) that the ERP has not reserved or shipped yet. */
  pending: number;
}

/** Units held back from a channel at a location: the location's own figure, else the channel's "*", else 0. */
export function safetyFor(safety: SafetyStock, channel: string, locationId: string): number {
  const perChannel = safety[channel];
  return perChannel?.[locationId] ?? perChannel?.['*'] ?? 0;
}

/** What a channel may sell at a location: on hand − reserved − pending − safety stock, never below 0. */
export function availableFor(f: StockFigures, safetyUnits: number): number {
  return Math.max(0, f.onHand - f.reserved - f.pending - safetyUnits);
}

export function channelAvailability(
  f: StockFigures,
  safety: SafetyStock,
  channels: readonly string[],
  locationId: string,
  locations: ChannelLocations = {},
): Record<string, number> {
  return Object.fromEntries(
    channels.map((c) => [c, sellsFrom(locations, c, locationId) ? availableFor(f, safetyFor(safety, c, locationId)) : 0]),
  );
}

export function sameFigures(a: StockFigures | undefined, b: StockFigures | undefined): boolean {
  return !!a && !!b && a.onHand === b.onHand && a.reserved === b.reserved && a.pending === b.pending;
}
