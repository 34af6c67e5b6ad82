/**
 * How deep a JSON body may nest. Real payloads stay far below it (a Shopify order is about 6 levels);
 * anything recursive over a parsed body (validation, fingerprints, mappers) is safe within it.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `text` opens more than `max` arrays/objects inside each other. One pass, no recursion and no
 * parsing, so it runs before any other work, on raw (signed) bodies too. Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
