import type { FastifyInstance, FastifyRequest } from 'fastify';
import sjson from 'secure-json-parse';

export const RAW_BODY_PATHS = ['/v1/webhooks/shopify'];

/**
 * JSON bodies are parsed as usual (prototype-poisoning safe), except on signed-webhook routes: there
 * the body stays the exact string that was signed, so the HMAC is checked before anything is parsed
 * and 18-digit ids are never rounded by JSON.parse.
 */
export function registerJsonParser(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit },
    (request: FastifyRequest, body: string | Buffer, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (RAW_BODY_PATHS.includes(request.url.split('?')[0])) {
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
        done(Object.assign(new Error('invalid JSON'), { statusCode: 400 }), undefined);
      }
    },
  );
}
