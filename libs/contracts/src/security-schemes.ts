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

/** JWT access tokens: the http bearer scheme tools use, and an OAuth2 scheme that lists the scopes. */
export function tokenSchemes(scopes: string[], issuer: string): Record<string, Json> {
  return {
    [BEARER_SCHEME]: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: `An access token (JWT, ES256/RS256) from ${issuer}; \`scope\` must hold every scope an operation lists. Missing or invalid: 401, a scope missing: 403.`,
    },
    [OAUTH2_SCHEME]: {
      type: 'oauth2',
      description:
        'The same access token, obtained with the client-credentials grant from the configured issuer; lists the scopes operations require.',
      flows: {
        clientCredentials: {
          tokenUrl: `${issuer.replace(/\/+$/, '')}/token`,
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
