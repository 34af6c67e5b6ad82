import { isJson, Json } from './openapi-types';

const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas']);
const SUBSCHEMAS = new Set([
  'items',
  'additionalProperties',
  'not',
  'allOf',
  'anyOf',
  'oneOf',
  'prefixItems',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
]);

/**
 * @nestjs/swagger still writes OpenAPI 3.0 schema idioms; 3.1 schemas are JSON Schema 2020-12.
 * `nullable: true` becomes a null type (or an anyOf with null around a $ref), `example` on a schema
 * becomes `examples`, boolean exclusiveMinimum/Maximum become numbers.
 */
export function toJsonSchema2020(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema2020);
  if (!isJson(schema)) return schema;
  const s: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(k) && isJson(v)) s[k] = Object.fromEntries(Object.entries(v).map(([n, sub]) => [n, toJsonSchema2020(sub)]));
    else if (SUBSCHEMAS.has(k)) s[k] = toJsonSchema2020(v);
    else s[k] = v;
  }
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') Object.assign(s, { exclusiveMinimum: s.minimum, minimum: undefined });
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') Object.assign(s, { exclusiveMaximum: s.maximum, maximum: undefined });
  if (s.exclusiveMinimum === false) delete s.exclusiveMinimum;
  if (s.exclusiveMaximum === false) delete s.exclusiveMaximum;
  if ('example' in s && !('$ref' in s)) {
    s.examples = [s.example];
    delete s.example;
  }
  if (s.nullable !== true) {
    delete s.nullable;
    return dropUndefined(s);
  }
  delete s.nullable;
  // A nullable object given as allOf (how the swagger plugin writes `Dto | null`): a null type beside
  // allOf would still demand the object, so null goes into an anyOf around it.
  if (Array.isArray(s.allOf) && s.type === 'object') {
    delete s.type;
    return { anyOf: [dropUndefined(s), { type: 'null' }] };
  }
  if (typeof s.type === 'string') {
    s.type = [s.type, 'null'];
    if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
    return dropUndefined(s);
  }
  return { anyOf: [dropUndefined(s), { type: 'null' }] };
}

function dropUndefined(s: Json): Json {
  for (const k of Object.keys(s)) if (s[k] === undefined) delete s[k];
  return s;
}

/** Applies toJsonSchema2020 to every schema position of a document (components, parameters, bodies, responses). */
export function convertSchemas(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertSchemas);
  if (!isJson(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'schema') out[k] = toJsonSchema2020(v);
    else if (k === 'schemas' && isJson(v)) out[k] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, toJsonSchema2020(s)]));
    else if (k === 'example' || k === 'examples') out[k] = v;
    else out[k] = convertSchemas(v);
  }
  return out;
}
