import { DomainError, ErrorCode } from '@weft/problem';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

// RFC 8941 §3.3.3 sf-string: printable ASCII in quotes, with \" and \\ the only escapes.
const SF_STRING = /^"((?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\["\\])*)"$/;
// Leniency: an unquoted key of visible ASCII without quotes or spaces (a bare UUID is not an sf-token).
const BARE = /^[\x21\x23-\x7E]+$/;

function invalid(detail: string): DomainError {
  return new DomainError(ErrorCode.IDEMPOTENCY_KEY_INVALID, detail);
}

/** The key's value, or undefined when the header is absent. An empty or unparsable header is a 400. */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (Array.isArray(header)) throw invalid('Send exactly one Idempotency-Key header.');
  const raw = header.trim();
  const quoted = SF_STRING.exec(raw);
  let key: string;
  if (quoted) key = quoted[1].replace(/\\(["\\])/g, '$1');
  else if (BARE.test(raw) && !raw.includes('"')) key = raw;
  else throw invalid('Idempotency-Key must be a Structured Field string, e.g. Idempotency-Key: "8e03978e-40d5-43e8-bc93-6894a57f9324".');
  if (key.length === 0) throw invalid('Idempotency-Key must not be empty.');
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) throw invalid(`Idempotency-Key must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  return key;
}
