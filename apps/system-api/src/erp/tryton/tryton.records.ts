import { TrytonDecimal, TrytonRecord, TrytonValue } from './tryton.codec';

/** Typed reads from the loosely typed records Tryton returns (search_read / read results). */

function isRecord(v: TrytonValue | undefined): v is TrytonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof TrytonDecimal) && !('toJSON' in v);
}

export function asRecords(v: TrytonValue): TrytonRecord[] {
  return Array.isArray(v) ? v.filter(isRecord) : [];
}

export function asIds(v: TrytonValue | undefined): number[] {
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}

export function int(r: TrytonRecord, key: string): number {
  const v = r[key];
  if (typeof v !== 'number') throw new TypeError(`Tryton record field ${key} is not a number: ${JSON.stringify(v)}`);
  return v;
}

export function optInt(r: TrytonRecord, key: string): number | null {
  const v = r[key];
  return typeof v === 'number' ? v : null;
}

export function str(r: TrytonRecord, key: string): string {
  const v = r[key];
  return typeof v === 'string' ? v : '';
}

export function optStr(r: TrytonRecord, key: string): string | undefined {
  const v = r[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function dec(r: TrytonRecord, key: string): TrytonDecimal {
  const v = r[key];
  if (v instanceof TrytonDecimal) return v;
  if (typeof v === 'number' || typeof v === 'string') return new TrytonDecimal(String(v));
  return new TrytonDecimal('0');
}

export function num(r: TrytonRecord, key: string): number {
  const v = r[key];
  if (v instanceof TrytonDecimal) return Number(v.value);
  return typeof v === 'number' ? v : 0;
}

/** A dotted related read: reading "product.code" yields {"product.": {"id": 1, "code": "X"}}. */
export function related(r: TrytonRecord, field: string): TrytonRecord | null {
  const v = r[`${field}.`];
  return isRecord(v) ? v : null;
}

export function relatedStr(r: TrytonRecord, field: string, key: string): string | undefined {
  const rel = related(r, field);
  return rel ? optStr(rel, key) : undefined;
}
