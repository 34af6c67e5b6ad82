import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so {"a":1,"b":2} and {"b":2,"a":1} fingerprint alike. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * What "the same request" means for a key: method, the concrete path with its query (so one key cannot
 * replay an answer about another resource) and the body as canonical JSON.
 */
export function requestFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method.toUpperCase()}\n${path}\n${body === undefined ? '' : canonicalJson(body)}`)
    .digest('hex');
}

/** The storage key: the client's identity scopes the key, so two clients never share a record. */
export function scopedKey(clientId: string, key: string): string {
  return createHash('sha256').update(`${clientId}\n${key}`).digest('hex');
}
