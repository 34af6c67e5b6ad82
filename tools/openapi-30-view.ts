import { isJson, Json } from '@weft/contracts';

const SCHEMA_MAPS = new Set(['properties', 'patternProperties']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf']);

function schema30(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(schema30);
  if (!isJson(schema)) return schema;
  const s: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(k) && isJson(v)) s[k] = Object.fromEntries(Object.entries(v).map(([n, sub]) => [n, schema30(sub)]));
    else if (SUBSCHEMAS.has(k)) s[k] = schema30(v);
    else if (k === 'examples' && Array.isArray(v)) s.example = v[0];
    else if (k === 'const') s.enum = [v];
    else if (k === 'unevaluatedProperties' || k === '$defs' || k === 'prefixItems') continue;
    else s[k] = v;
  }
  if (Array.isArray(s.type)) {
    const types = (s.type as string[]).filter((t) => t !== 'null');
    if (types.length < (s.type as string[]).length) s.nullable = true;
    s.type = types[0];
    if (Array.isArray(s.enum)) s.enum = s.enum.filter((e) => e !== null);
  }
  const anyOf = s.anyOf;
  if (Array.isArray(anyOf) && anyOf.some((a) => isJson(a) && a.type === 'null')) {
    const rest = anyOf.filter((a) => !(isJson(a) && a.type === 'null'));
    delete s.anyOf;
    Object.assign(s, rest.length === 1 ? { allOf: rest } : { anyOf: rest }, { nullable: true });
  }
  return s;
}

function walk(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(walk);
  if (!isJson(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'schema') out[k] = schema30(v);
    else if (k === 'schemas' && isJson(v)) out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, schema30(s)]));
    else if (k === 'example' || k === 'examples') out[k] = v;
    else out[k] = walk(v);
  }
  return out;
}

/**
 * openapi-diff parses OpenAPI 3.0 only (swagger-parser 10.0). The gate compares an OpenAPI 3.0 view of
 * both contracts: null in type lists becomes nullable, schema `examples` become `example`. Both sides
 * get the same view, so what it reports are differences of the 3.1 contracts.
 */
export function openApi30View(doc: Json): Json {
  return { ...(walk(doc) as Json), openapi: '3.0.3' };
}
