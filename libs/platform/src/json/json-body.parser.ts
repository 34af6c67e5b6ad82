import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';
import { DomainError, ErrorCode } from '@weft/problem';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth';

export interface JsonParserOptions {
  bodyLimit: number;
  /** Routes whose body stays the exact string received (signed webhooks: the HMAC covers the bytes). */
  rawBodyPaths?: readonly string[];
  maxDepth?: number;
}

const malformed = (detail: string): DomainError => Object.assign(new DomainError(ErrorCode.MALFORMED_REQUEST, detail), { statusCode: 400 });

/**
 * The one application/json parser of every app: depth-bounded before anything parses or hashes the body
 * (a 5,000-level body would overflow the stack of every recursive walk after it), prototype-poisoning
 * safe, and raw on the signed-webhook routes, where the string is kept so the HMAC is checked first and
 * 18-digit ids are never rounded by JSON.parse.
 */
export function registerJsonParser(fastify: FastifyInstance, options: JsonParserOptions): void {
  const rawPaths = options.rawBodyPaths ?? [];
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: options.bodyLimit },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (jsonDepthExceeds(text, maxDepth)) {
        done(malformed(`The JSON body nests deeper than ${maxDepth} levels.`), undefined);
        return;
      }
      if (rawPaths.includes(request.url.split('?')[0])) {
        done(null, text);
        return;
      }
      if (text.length === 0) {
        done(Object.assign(new Error('empty JSON body'), { statusCode: 400, code: 'FST_ERR_CTP_EMPTY_JSON_BODY' }), undefined);
        return;
      }
      try {
        done(null, sjson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
      } catch {
        done(malformed('The request body is not valid JSON.'), undefined);
      }
    },
  );
}
