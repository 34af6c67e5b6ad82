import createClient, { Client } from 'openapi-fetch';
import { DomainError, ErrorCode } from '@weft/problem';
import { ContractResponses } from './contract-responses';
import { LayerClient } from './layer.client';

/**
 * A client generated from the receiving layer's contract (openapi-typescript `paths`), sending through
 * the layer client (service token, audience, timeout, breaker, problem mapping) and checking every
 * response against that contract at run time.
 */
export function contractClient<Paths extends object>(layer: LayerClient, responses: ContractResponses): Client<Paths> {
  const client = createClient<Paths>({ baseUrl: layer.baseUrl, fetch: layer.fetch });
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
