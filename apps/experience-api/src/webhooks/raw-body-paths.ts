/**
 * Signed-webhook routes: their JSON body reaches the controller as the exact string received, so the
 * HMAC is checked before anything is parsed and 18-digit ids are never rounded by JSON.parse.
 */
export const RAW_BODY_PATHS: readonly string[] = ['/v1/webhooks/shopify'];
