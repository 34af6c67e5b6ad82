import { Logger } from '@nestjs/common';
import type { Middleware } from 'openapi-fetch';
import { DomainError, ErrorCode } from '@weft/problem';
import { Check, describeFailure, SchemaChecks } from './contract-check';

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The documented answers of one operation: status -> the check of its JSON body (null when it has none). */
type Answers = Map<string, Check | null>;

/**
 * The responses a layer's OpenAPI contract documents, checked at run time: an undocumented status or a
 * body of another shape (wrong type, missing required member) is an error, not something to cast. Every
 * check is compiled when the contract is loaded, so a call pays for a walk of its body and nothing more.
 */
export class ContractResponses {
  private readonly operations = new Map<string, Answers>();
  private readonly logger = new Logger('ContractResponses');

  constructor(
    readonly service: string,
    contract: object,
  ) {
    const checks = new SchemaChecks(contract as Json);
    for (const [template, item] of Object.entries(((contract as Json).paths ?? {}) as Json)) {
      if (!isJson(item)) continue;
      for (const [method, op] of Object.entries(item)) {
        if (!isJson(op) || !isJson(op.responses)) continue;
        const answers: Answers = new Map();
        for (const [code, response] of Object.entries(op.responses)) {
          const schema =
            isJson(response) && isJson(response.content) ? (response.content['application/json'] as Json | undefined) : undefined;
          answers.set(code, schema?.schema === undefined ? null : checks.compile(schema.schema));
        }
        this.operations.set(`${method.toUpperCase()} ${template}`, answers);
      }
    }
  }

  /** Why this response is outside the contract, or undefined when it matches. */
  violation(method: string, template: string, status: number, body: unknown): string | undefined {
    const answers = this.operations.get(`${method.toUpperCase()} ${template}`);
    if (!answers) return `${method} ${template} is not in the ${this.service} contract`;
    const code = [String(status), `${String(status)[0]}XX`, 'default'].find((c) => answers.has(c));
    if (!code) return `${method} ${template} answered ${status}, which the contract does not document`;
    const failure = answers.get(code)?.(body);
    return failure ? `${method} ${template} ${status}: ${describeFailure(failure)}` : undefined;
  }

  /**
   * openapi-fetch middleware: every response is checked before the caller sees it. The body is read
   * once here and handed on as a fresh response, so it is neither parsed twice nor teed.
   */
  middleware(): Middleware {
    return {
      onResponse: async ({ request, response, schemaPath }) => {
        const text = await response.text();
        let body: unknown = null;
        let parsed = true;
        try {
          // An empty body is JSON null: a layer that answers null sends no bytes.
          if (text) body = JSON.parse(text);
        } catch {
          parsed = false;
        }
        const violation = parsed ? this.violation(request.method, schemaPath, response.status, body) : 'the body is not JSON';
        if (violation) {
          // Names the path and the schema rule only: never the body's values.
          this.logger.warn(`${this.service} answered outside its contract: ${violation}`);
          throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, `${this.service} answered outside its contract.`, {
            extensions: { contractViolation: violation },
          });
        }
        return new Response(text || null, { status: response.status, statusText: response.statusText, headers: response.headers });
      },
    };
  }
}
