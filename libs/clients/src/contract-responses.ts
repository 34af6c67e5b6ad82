import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';
import { DomainError, ErrorCode } from '@weft/problem';

type Json = Record<string, unknown>;

const pointer = (...segments: string[]): string => segments.map((s) => s.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * The responses a layer's OpenAPI contract documents, checked at run time: a body the contract does not
 * describe (wrong type, missing member, undocumented status) is an error, not something to cast.
 */
export class ContractResponses {
  private readonly ajv: Ajv2020;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly logger = new Logger('ContractResponses');

  constructor(
    readonly service: string,
    private readonly contract: object,
  ) {
    // The contract is not itself a JSON Schema: checking it as one would only cost start-up time.
    this.ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(contract as Json, 'contract');
    // Compiled once at start-up: compiling on a request's path would stall every request behind it.
    for (const [template, item] of Object.entries(((contract as Json).paths ?? {}) as Json)) {
      for (const [method, op] of Object.entries(item as Json)) {
        for (const [code, response] of Object.entries(((op as Json).responses ?? {}) as Json)) {
          if (((response as Json).content as Json | undefined)?.['application/json']) this.validator(template, method, code);
        }
      }
    }
  }

  private validator(template: string, method: string, code: string): ValidateFunction {
    const ref = `contract#/${pointer('paths', template, method, 'responses', code, 'content', 'application/json', 'schema')}`;
    let validate = this.validators.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.validators.set(ref, validate);
    }
    return validate;
  }

  static fromFile(service: string, file: string): ContractResponses {
    return new ContractResponses(service, JSON.parse(readFileSync(file, 'utf8')) as Json);
  }

  /** Why this response is outside the contract, or undefined when it matches. */
  violation(method: string, template: string, status: number, body: unknown): string | undefined {
    const m = method.toLowerCase();
    const op = (((this.contract as Json).paths as Json | undefined)?.[template] as Json | undefined)?.[m] as Json | undefined;
    if (!op) return `${method} ${template} is not in the ${this.service} contract`;
    const responses = op.responses as Json;
    const code = String(status) in responses ? String(status) : undefined;
    if (!code) return `${method} ${template} answered ${status}, which the contract does not document`;
    const content = (responses[code] as Json).content as Json | undefined;
    if (!content || !(content['application/json'] as Json | undefined)?.schema) return undefined;
    const validate = this.validator(template, m, code);
    if (validate(body)) return undefined;
    const e = validate.errors?.[0];
    return `${method} ${template} ${status}: body${e?.instancePath ?? ''} ${e?.message ?? 'does not match'}`;
  }

  /** openapi-fetch middleware: every successful response is checked before the caller sees it. */
  middleware(): Middleware {
    return {
      onResponse: async ({ request, response, schemaPath }) => {
        const text = await response.clone().text();
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = Symbol('not JSON');
        }
        const violation = this.violation(request.method, schemaPath, response.status, body);
        if (violation) {
          // Names the path and the schema rule only: never the body's values.
          this.logger.warn(`${this.service} answered outside its contract: ${violation}`);
          throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, `${this.service} answered outside its contract.`, {
            extensions: { contractViolation: violation },
          });
        }
        return undefined;
      },
    };
  }
}
