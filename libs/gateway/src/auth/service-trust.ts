/**
 * The two trust domains. Channel tokens come from the retailer's identity provider and are verified only
 * at the edge; service tokens are Weft's own (own issuer and keys), addressed to one receiving layer
 * (`aud`) and accepted only from the callers that layer allows (`sub`).
 */
/** `weft-cli`: the operator commands (catch-up, subscribe, reconcile), signing with the deployment's service key. */
export const SERVICE_NAMES = ['experience-api', 'process-api', 'system-api', 'weft-cli'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Who may call whom by default: the edge calls process-api, process-api calls system-api, and system-api
 * reports ERP notifications (shipments) up to process-api's intake. SERVICE_ALLOWED_CALLERS overrides. */
export const DEFAULT_ALLOWED_CALLERS: Record<'process-api' | 'system-api', ServiceName[]> = {
  'process-api': ['experience-api', 'system-api', 'weft-cli'],
  'system-api': ['process-api', 'weft-cli'],
};

/** Where each signing layer publishes its service public keys (current and, during a change, previous). */
export const SERVICE_JWKS_PATH = '/.well-known/jwks.json';
