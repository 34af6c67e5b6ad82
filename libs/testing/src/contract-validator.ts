import { readFileSync } from 'node:fs';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One response checked against the contract. */
export interface CheckedResponse {
  method: string;
  url: string;
  status: number;
  operationId?: string;
  violations: string[];
}

interface Route {
  template: string;
  regex: RegExp;
  params: number;
}

/** A response schema is closed for the check: a member the contract does not list is a violation. */
function closeSchemas(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closeSchemas);
  if (!isJson(node)) return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'example' || k === 'examples' ? v : closeSchemas(v);
  if (
    out.type === 'object' &&
    isJson(out.properties) &&
    out.additionalProperties === undefined &&
    out.unevaluatedProperties === undefined
  ) {
    out.unevaluatedProperties = false;
  }
  return out;
}

const pointer = (...segments: string[]): string => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Checks real responses against an OpenAPI 3.1 contract (JSON Schema 2020-12, Ajv2020): the operation
 * exists, the status is documented for it, the media type is documented, the body matches the schema
 * with no undocumented members (problem details stay open: RFC 9457 allows extensions), and required
 * response headers are present. Wrap fetch with it to check every response a suite sees.
 */
export class ContractValidator {
  readonly checked: CheckedResponse[] = [];
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly contract: Json) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(closeSchemas(contract) as Json, 'contract');
    this.routes = Object.keys(contract.paths as Json)
      .map((template) => ({
        template,
        params: (template.match(/\{/g) ?? []).length,
        regex: new RegExp(
          `^${template
            .split('/')
            .map((seg) => (/^\{[^}]+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&')))
            .join('/')}$`,
        ),
      }))
      .sort((a, b) => a.params - b.params);
  }

  static fromFile(file: string): ContractValidator {
    return new ContractValidator(JSON.parse(readFileSync(file, 'utf8')) as Json);
  }

  /** The violations of one response; also recorded in `checked`. */
  check(method: string, url: string, status: number, headers: Headers, bodyText: string): string[] {
    const m = method.toLowerCase();
    const path = new URL(url, 'http://contract.invalid').pathname;
    const violations: string[] = [];
    const route = this.routes.find(
      (r) =>
        r.regex.test(path) && isJson((this.contract.paths as Json)[r.template]) && m in ((this.contract.paths as Json)[r.template] as Json),
    );
    const record = (operationId?: string): string[] => {
      this.checked.push({ method: m.toUpperCase(), url, status, operationId, violations });
      return violations;
    };
    if (!route) {
      violations.push(`${m.toUpperCase()} ${path}: no operation in the contract`);
      return record();
    }
    const op = ((this.contract.paths as Json)[route.template] as Json)[m] as Json;
    const where = `${String(op.operationId)} (${m.toUpperCase()} ${route.template}) ${status}`;
    const responses = op.responses as Json;
    const code =
      String(status) in responses
        ? String(status)
        : `${String(status)[0]}XX` in responses
          ? `${String(status)[0]}XX`
          : 'default' in responses
            ? 'default'
            : undefined;
    if (!code) {
      violations.push(`${where}: status not documented (documented: ${Object.keys(responses).join(', ')})`);
      return record(String(op.operationId));
    }
    const response = responses[code] as Json;
    for (const [name, h] of Object.entries((response.headers ?? {}) as Json)) {
      if (isJson(h) && h.required === true && !headers.has(name)) violations.push(`${where}: required header ${name} missing`);
    }
    const content = (response.content ?? {}) as Json;
    const mediaType = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (Object.keys(content).length === 0) {
      if (bodyText.length > 0) violations.push(`${where}: body sent, but the contract documents none`);
      return record(String(op.operationId));
    }
    if (!(mediaType in content)) {
      violations.push(`${where}: media type ${mediaType || '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`);
      return record(String(op.operationId));
    }
    if (!isJson(content[mediaType]) || !(content[mediaType] as Json).schema || !mediaType.endsWith('json'))
      return record(String(op.operationId));
    let body: unknown;
    try {
      body = bodyText.length > 0 ? JSON.parse(bodyText) : undefined;
    } catch {
      violations.push(`${where}: body is not JSON`);
      return record(String(op.operationId));
    }
    const ref = `contract#/${pointer('paths', route.template, m, 'responses', code, 'content', mediaType, 'schema')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    if (!validate(body)) {
      for (const e of validate.errors ?? [])
        violations.push(
          `${where}: body${e.instancePath} ${e.message}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}`,
        );
    }
    return record(String(op.operationId));
  }

  /** fetch that checks every response it returns (the body stays readable). */
  wrapFetch(fetchImpl: typeof fetch = fetch): typeof fetch {
    return async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : undefined;
      const url = request ? request.url : String(input);
      const method = init?.method ?? request?.method ?? 'GET';
      const res = await fetchImpl(input, init);
      this.check(method, url, res.status, res.headers, await res.clone().text());
      return res;
    };
  }

  /** Every violation seen so far, one line each. */
  violations(): string[] {
    return this.checked.flatMap((c) => c.violations);
  }
}
