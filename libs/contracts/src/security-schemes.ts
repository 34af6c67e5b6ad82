import { Json } from './openapi-types';

export const BEARER_SCHEME = 'bearer';
export const OAUTH2_SCHEME = 'oauth2';

/** Schemes a controller may name with @ApiSecurity on a @Public route (signed webhooks). */
export const SIGNATURE_SCHEMES: Record<string, Json> = {
  shopifyHmac: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Shopify-Hmac-Sha256',
    description:
      'Base64 HMAC-SHA256 of the raw request body with the Shopify app client secret (SHOPIFY_WEBHOOK_SECRET). No access token is used.',
  },
};

/**
 * The token rules every layer enforces (libs/gateway JwtVerifier), stated where clients and the OWASP
 * ruleset read them: RFC 8725 (JWT best current practices) and short-lived tokens.
 */
function tokenRules(issuer: string): string {
  return [
    `Access tokens are JWS-signed JWTs conforming to RFC8725 (JSON Web Token Best Current Practices), issued by ${issuer}:`,
    '- algorithms: ES256 or RS256 only, fixed by the verifier, never taken from the token; `none` and HMAC algorithms are refused;',
    '- claims: `iss` must equal the configured issuer, `aud` must contain the configured audience, `exp` and `sub` are required',
    '  (30 s clock skew); `typ`, when present, is `JWT` or `at+jwt`;',
    "- keys: a configured public key or the issuer's JWKS (`kid` selects the key; rotation without restart);",
    '- short-lived: tokens expire (`exp` is required) and should live minutes, not hours; a client obtains a new one from the',
    "  token endpoint rather than keeping one. Weft's own service tokens between layers live 300 s.",
    'Sent as `Authorization: Bearer <token>` only, never in the URL.',
  ].join('\n');
}

/** JWT access tokens: the http bearer scheme tools use, and an OAuth2 scheme that lists the scopes. */
export function tokenSchemes(scopes: string[], issuer: string): Record<string, Json> {
  const tokenUrl = `${issuer.replace(/\/+$/, '')}/token`;
  return {
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: `${tokenRules(issuer)}\n\n\`scope\` must hold every scope an operation lists. Missing or invalid: 401, a scope missing: 403.`,
    },
    [OAUTH2_SCHEME]: {
      type: 'oauth2',
      description:
        `The same access token, obtained with the client-credentials grant from the configured issuer; lists the scopes operations require.\n\n${tokenRules(issuer)}\n\n` +
        'refreshUrl is the token endpoint itself: client-credentials clients hold no refresh token (RFC 6749 §4.4.3) and re-authenticate there when a token expires.',
      flows: {
        clientCredentials: {
          tokenUrl,
          refreshUrl: tokenUrl,
          scopes: Object.fromEntries(scopes.map((s) => [s, scopeDescription(s)])),
        },
      },
    },
  };
}

function scopeDescription(scope: string): string {
  const [resource, access] = scope.split(':');
  return `${access === 'read' ? 'Read' : 'Change'} ${resource}`;
}
