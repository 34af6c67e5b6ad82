type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Where (member names and indexes, outermost first) and why a value is outside its schema. */
export interface Failure {
  path: (string | number)[];
  reason: string;
}

/** A failure, or undefined when the value is inside its schema; nothing is allocated on that path. */
export type Check = (value: unknown) => Failure | undefined;

const fail = (reason: string): Failure => ({ path: [], reason });
const within = (f: Failure | undefined, segment: string | number): Failure | undefined => f && (f.path.unshift(segment), f);

/** A failure as text: `body.lines[0].sku is number, not string`. */
export function describeFailure(f: Failure, root = 'body'): string {
  return `${root}${f.path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('')} ${f.reason}`;
}

const ok: Check = () => undefined;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

const matchesType = (actual: string, wanted: string): boolean => actual === wanted || (wanted === 'number' && actual === 'integer');

/**
 * Compiles the structural part of a contract's JSON Schemas (type, required, properties, items, enum,
 * anyOf/oneOf/allOf, $ref) into plain closures, once per schema. Lengths, patterns and formats are left to
 * the layer that answered: what a caller relies on is the shape, and checking it costs a walk of the body,
 * not a schema compilation. Members the contract does not list are accepted: adding one is not breaking.
 */
export class SchemaChecks {
  private readonly refs = new Map<string, Check>();

  constructor(private readonly document: Json) {}

  compile(schema: unknown): Check {
    if (!isJson(schema)) return ok;
    const parts: Check[] = [];
    if (typeof schema.$ref === 'string') parts.push(this.ref(schema.$ref));
    const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? (schema.type as string[]) : undefined;
    if (types) {
      const wanted = schema.nullable === true ? [...types, 'null'] : types;
      parts.push((v) => {
        const actual = typeOf(v);
        for (const t of wanted) if (matchesType(actual, t)) return undefined;
        return fail(`is ${actual}, not ${wanted.join(' or ')}`);
      });
    }
    if (Array.isArray(schema.enum)) {
      const allowed = new Set(schema.enum as unknown[]);
      parts.push((v) => (allowed.has(v) ? undefined : fail('is not one of the documented values')));
    }
    if (isJson(schema.properties) || Array.isArray(schema.required)) parts.push(this.object(schema));
    if (schema.items !== undefined) {
      const item = this.compile(schema.items);
      parts.push((v) => {
        if (!Array.isArray(v)) return undefined;
        for (let i = 0; i < v.length; i++) {
          const why = item(v[i]);
          if (why) return within(why, i);
        }
        return undefined;
      });
    }
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (!Array.isArray(schema[key])) continue;
      const options = (schema[key] as unknown[]).map((s) => this.compile(s));
      parts.push((v) => {
        for (const o of options) if (o(v) === undefined) return undefined;
        return fail('matches none of the documented shapes');
      });
    }
    if (Array.isArray(schema.allOf)) parts.push(...(schema.allOf as unknown[]).map((s) => this.compile(s)));
    if (parts.length === 0) return ok;
    if (parts.length === 1) return parts[0];
    return (v) => {
      for (const p of parts) {
        const why = p(v);
        if (why) return why;
      }
      return undefined;
    };
  }

  private object(schema: Json): Check {
    const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
    const properties = Object.entries(isJson(schema.properties) ? schema.properties : {}).map(
      ([name, s]) => [name, this.compile(s)] as const,
    );
    return (v) => {
      if (!isJson(v)) return undefined;
      for (const name of required) if (v[name] === undefined) return fail(`has no required member ${name}`);
      for (const [name, check] of properties) {
        if (v[name] === undefined) continue;
        const why = check(v[name]);
        if (why) return within(why, name);
      }
      return undefined;
    };
  }

  /** Local references only (#/components/...); a schema that refers to itself is compiled once, lazily. */
  private ref(ref: string): Check {
    const known = this.refs.get(ref);
    if (known) return known;
    let compiled: Check | undefined;
    const lazy: Check = (v) => (compiled ??= this.compile(this.resolve(ref)))(v);
    this.refs.set(ref, lazy);
    compiled = this.compile(this.resolve(ref));
    return lazy;
  }

  private resolve(ref: string): unknown {
    if (!ref.startsWith('#/')) return undefined;
    let node: unknown = this.document;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      node = isJson(node) ? node[key] : undefined;
    }
    return node;
  }
}
