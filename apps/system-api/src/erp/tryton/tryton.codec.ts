import { currencyExponent, formatMinor } from '@weft/retail-model';

/**
 * Tryton's JSON-RPC tags non-JSON types: Decimal as {"__class__":"Decimal","decimal":"10.00"}, date as
 * {"__class__":"date","year","month","day"} (datetime adds hour/minute/second/microsecond). Decimals stay
 * strings here, never floats, so amounts convert to minor units exactly.
 */
export class TrytonDecimal {
  constructor(readonly value: string) {}

  static fromMinor(amountMinor: number, currency: string): TrytonDecimal {
    return new TrytonDecimal(formatMinor(amountMinor, currency));
  }

  toJSON(): { __class__: 'Decimal'; decimal: string } {
    return { __class__: 'Decimal', decimal: this.value };
  }

  toString(): string {
    return this.value;
  }
}

export class TrytonDate {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
  ) {}

  static today(now = new Date()): TrytonDate {
    return new TrytonDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
  }

  toJSON(): { __class__: 'date'; year: number; month: number; day: number } {
    return { __class__: 'date', year: this.year, month: this.month, day: this.day };
  }

  toString(): string {
    return `${this.year}-${String(this.month).padStart(2, '0')}-${String(this.day).padStart(2, '0')}`;
  }
}

export class TrytonDateTime {
  constructor(readonly iso: string) {}

  toJSON(): Record<string, string | number> {
    const d = new Date(this.iso);
    return {
      __class__: 'datetime',
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      microsecond: d.getUTCMilliseconds() * 1000,
    };
  }
}

export type TrytonValue =
  null | boolean | number | string | TrytonDecimal | TrytonDate | TrytonDateTime | TrytonValue[] | { [key: string]: TrytonValue };

export type TrytonRecord = { [key: string]: TrytonValue };
export type TrytonContext = { [key: string]: TrytonValue };

function isTagged(v: unknown): v is { __class__: string } & Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { __class__?: unknown }).__class__ === 'string';
}

/** JSON.parse reviver: tagged objects become TrytonDecimal / TrytonDate / TrytonDateTime. */
export function reviveTryton(_key: string, value: unknown): unknown {
  if (!isTagged(value)) return value;
  const n = (k: string): number => Number(value[k] ?? 0);
  switch (value.__class__) {
    case 'Decimal':
      return new TrytonDecimal(String(value.decimal));
    case 'date':
      return new TrytonDate(n('year'), n('month'), n('day'));
    case 'datetime':
      return new TrytonDateTime(
        new Date(
          Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'), Math.trunc(n('microsecond') / 1000)),
        ).toISOString(),
      );
    default:
      return value;
  }
}

export function decodeTryton(text: string): unknown {
  return JSON.parse(text, reviveTryton);
}

export function encodeTryton(value: unknown): string {
  return JSON.stringify(value);
}

/**
 * A Tryton decimal ("33.00", "-3", "10.0000", "1E+1") in minor units of the currency, rounded half away
 * from zero when Tryton carries more digits than the currency (unit prices have 4).
 */
export function decimalToMinor(decimal: TrytonDecimal | string | number, currency: string): number {
  const exp = currencyExponent(currency);
  let text = decimal instanceof TrytonDecimal ? decimal.value : String(decimal);
  if (/e/i.test(text)) text = Number(text).toFixed(exp + 2);
  const m = /^([-+])?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) throw new RangeError(`Not a decimal amount: ${text}`);
  const [, sign, whole = '', frac = ''] = m;
  const padded = frac.padEnd(exp + 1, '0');
  let units = BigInt(`${whole || '0'}${padded.slice(0, exp)}`);
  if (Number(padded[exp]) >= 5) units += 1n;
  const value = Number(units);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Amount out of range: ${text}`);
  return sign === '-' && value !== 0 ? -value : value;
}

/** A decimal string to a JS number (quantities only; never money). */
export function decimalToNumber(value: TrytonValue): number {
  if (value instanceof TrytonDecimal) return Number(value.value);
  return typeof value === 'number' ? value : Number(value ?? 0);
}
