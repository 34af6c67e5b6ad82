import { isJson } from './openapi-types';

/** Top-level members in the order OpenAPI readers expect; everything below is sorted by key. */
const TOP_LEVEL = [
  'openapi',
  'info',
  'jsonSchemaDialect',
  'servers',
  'security',
  'tags',
  'paths',
  'webhooks',
  'components',
  'externalDocs',
];
/** Arrays that are sets: sorted so a different discovery order cannot change the bytes. */
const SET_ARRAYS = new Set(['required']);

function sortValue(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => sortValue(v));
    return key && SET_ARRAYS.has(key) && items.every((i) => typeof i === 'string') ? [...(items as string[])].sort() : items;
  }
  if (!isJson(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(value).sort()) if (value[k] !== undefined) out[k] = sortValue(value[k], k);
  return out;
}

/** The canonical form: keys sorted recursively (top level in OpenAPI order), set-like arrays sorted. */
export function canonicalize<T extends object>(doc: T): T {
  const sorted = sortValue(doc) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of TOP_LEVEL) if (k in sorted) out[k] = sorted[k];
  for (const k of Object.keys(sorted)) if (!(k in out)) out[k] = sorted[k];
  return out as T;
}

/** Same document, same bytes: canonical form, two-space indent, trailing newline. */
export function canonicalJson(doc: object): string {
  return `${JSON.stringify(canonicalize(doc), null, 2)}\n`;
}
