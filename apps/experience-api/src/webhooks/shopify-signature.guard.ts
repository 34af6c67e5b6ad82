import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ShopifyShop, shopFor } from '@weft/config';
import type { RequestWithPrincipal } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { ExperienceConfig } from '../experience.config';
import { verifyShopifyHmac } from './shopify-hmac';
import { shopifyHeaders } from './shopify-webhook.dto';

type SignedRequest = FastifyRequest & RequestWithPrincipal & { shopifyShop?: ShopifyShop };

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The shop is the one X-Shopify-Shop-Domain names, and the body must verify with one of its secrets
 * (during a rotation, the current or the previous one). Runs after the per-address limit and before
 * the per-shop one, so only a verified shop spends from its own webhook budget.
 */
@Injectable()
export class ShopifySignatureGuard implements CanActivate {
  constructor(private readonly config: ExperienceConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<SignedRequest>();
    // Header bounds first (400), so an oversized header costs no HMAC.
    shopifyHeaders(request.headers);
    const shop = shopFor(this.config.shopifyShops, header(request, 'x-shopify-shop-domain'));
    if (!shop) throw new DomainError(ErrorCode.INVALID_SIGNATURE, 'X-Shopify-Shop-Domain names no shop this gateway serves.');
    const body = typeof request.body === 'string' ? request.body : '';
    const hmac = header(request, 'x-shopify-hmac-sha256');
    if (!shop.webhookSecrets.some((secret) => verifyShopifyHmac(body, hmac, secret))) {
      throw new DomainError(ErrorCode.INVALID_SIGNATURE, 'X-Shopify-Hmac-Sha256 does not match the request body.');
    }
    request.shopifyShop = shop;
    request.verifiedSender = `shopify:${shop.domain}`;
    return true;
  }
}

/** The shop ShopifySignatureGuard verified the request for. */
export const VerifiedShop = createParamDecorator((_: unknown, ctx: ExecutionContext): ShopifyShop => {
  const shop = ctx.switchToHttp().getRequest<SignedRequest>().shopifyShop;
  if (!shop) throw new Error('VerifiedShop needs ShopifySignatureGuard on the route');
  return shop;
});
