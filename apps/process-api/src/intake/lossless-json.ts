import { isSafeNumber, parse } from 'lossless-json';
import { jsonDepthExceeds } from '@weft/platform';

/**
 * Shopify sends 18-digit ids as JSON numbers; JSON.parse would round them. Integers beyond 2^53 are
 * kept as their exact digit strings, every other number as a JS number. A body nested too deep throws
 * before the (recursive) parser can overflow the stack.
 */
export function parseLossless(text: string): unknown {
  if (jsonDepthExceeds(text)) throw new SyntaxError('JSON nested too deep');
  return parse(text, null, (value: string) => (isSafeNumber(value) ? Number(value) : value));
}

/** An id as the channel sent it: a string, or a safe number turned into its digits. */
export function idString(v: unknown): string | undefined {
  if (typeof v === 'string' && v.length > 0) return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** The numeric tail of a Shopify GraphQL id (gid://shopify/Order/820982911946154508). */
export function gidTail(gid: unknown): string | undefined {
  if (typeof gid !== 'string') return undefined;
  const m = /^gid:\/\/shopify\/[A-Za-z]+\/(\d+)$/.exec(gid);
  return m?.[1];
}
