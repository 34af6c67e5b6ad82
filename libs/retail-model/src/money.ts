/**
 * Money is an integer count of minor units plus an ISO 4217 code. The exponent comes from the
 * currency: JPY and VND have none, KWD/BHD/OMR/JOD/TND/LYD/IQD three, CLF four, most others two.
 */
export interface Money {
  amountMinor: number;
  currency: string;
}

const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function currencyExponent(currency: string): number {
  if (!CURRENCY_PATTERN.test(currency)) throw new RangeError(`Not an ISO 4217 code: ${currency}`);
  return EXPONENTS[currency] ?? 2;
}

/** Parses a decimal string ("19.99", "-3", "1200") exactly into minor units; never through a float. */
export function toMinor(decimal: string, currency: string): number {
  const exp = currencyExponent(currency);
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!m) throw new RangeError(`Not a decimal amount: ${decimal}`);
  const [, sign, whole, frac = ''] = m;
  if (frac.length > exp && /[1-9]/.test(frac.slice(exp))) {
    throw new RangeError(`${decimal} has more decimals than ${currency} allows (${exp})`);
  }
  const digits = `${whole}${frac.slice(0, exp).padEnd(exp, '0')}`;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new RangeError(`Amount out of range: ${decimal}`);
  return sign ? -value : value;
}

export function formatMinor(amountMinor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = amountMinor < 0 ? '-' : '';
  const digits = String(Math.abs(amountMinor)).padStart(exp + 1, '0');
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/**
 * Splits `total` over `weights` proportionally in whole minor units (largest remainder), so the parts
 * always sum to the total exactly: used for tax and discount allocation across lines.
 */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map((_, i) => (i === 0 ? total : 0));
  const raw = weights.map((w) => (total * w) / sum);
  const parts = raw.map((r) => Math.trunc(r));
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => ({ i, frac: Math.abs(r - Math.trunc(r)) })).sort((a, b) => b.frac - a.frac || a.i - b.i);
  const step = rest >= 0 ? 1 : -1;
  for (let k = 0; rest !== 0; k = (k + 1) % order.length, rest -= step) parts[order[k].i] += step;
  return parts;
}
