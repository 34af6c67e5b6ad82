import { ShopifyShop } from '@weft/config';
import { ShopifyAdminClient, ShopifyClientOptions } from './shopify-admin.client';
import { ShopifyError, ShopifyErrorCode } from './shopify.errors';

/** One Admin API client per shop with a token, each with its own cost bucket and breaker. */
export class ShopifyClients {
  private readonly clients = new Map<string, ShopifyAdminClient>();

  constructor(shops: ShopifyShop[], options: ShopifyClientOptions) {
    for (const shop of shops) {
      if (shop.adminAccessToken)
        this.clients.set(shop.domain, new ShopifyAdminClient({ ...shop, adminAccessToken: shop.adminAccessToken }, options));
    }
  }

  domains(): string[] {
    return [...this.clients.keys()];
  }

  /** The shop's client; absent `shop` means the first configured one. */
  for(shop: string | undefined): ShopifyAdminClient {
    const domain = shop ?? this.domains()[0];
    const client = domain ? this.clients.get(domain) : undefined;
    if (!client) {
      throw new ShopifyError(
        ShopifyErrorCode.SHOP_NOT_CONFIGURED,
        shop ? `Shop ${shop} is not in SHOPIFY_SHOPS with an adminAccessToken` : 'No shop in SHOPIFY_SHOPS has an adminAccessToken',
      );
    }
    return client;
  }
}
