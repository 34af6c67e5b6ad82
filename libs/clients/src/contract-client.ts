import createClient, { Client } from 'openapi-fetch';
import { DomainError, ErrorCode } from '@weft/problem';
import { ContractResponses } from './contract-responses';
import { LayerClient } from './layer.client';

/**
 * A client generated from the receiving layer's contract (openapi-typescript `paths`), sending through
 * the layer client (service token, audience, timeout, breaker, problem mapping) and checking every
 * response against that contract at run time.
 */
export function contractClient<Paths extends object>(
  layer: LayerClient,
  responses: ContractResponses,
  /** Takes the GETs when given: a serving-only replica of the same layer, with its own breaker and metrics. */
  reads?: LayerClient,
): Client<Paths> {
  const client = createClient<Paths>({ baseUrl: layer.baseUrl, fetch: reads ? readsApart(layer, reads) : layer.fetch });
  client.use(responses.middleware());
  return client;
}

/** The body of a call that succeeded; the layer client has already thrown for a problem answer. */
export async function bodyOf<T>(call: Promise<{ data?: T; error?: unknown }>): Promise<T> {
  const result = await call;
  if (result.data === undefined)
    throw new DomainError(ErrorCode.DOWNSTREAM_UNAVAILABLE, 'A system behind the gateway answered with no body.');
  return result.data;
}

/** GET and HEAD go to `reads` (same path and query under its base URL); every other method to `writes`. */
export function readsApart(writes: LayerClient, reads: LayerClient): (request: Request) => Promise<Response> {
  const base = writes.baseUrl.replace(/\/+$/, '');
  const readBase = reads.baseUrl.replace(/\/+$/, '');
  return (request) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.url.startsWith(base)) return writes.fetch(request);
    return reads.fetch(new Request(readBase + request.url.slice(base.length), request));
  };
}
