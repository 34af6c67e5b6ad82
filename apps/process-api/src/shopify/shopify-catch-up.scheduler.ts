import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WeftConfig } from '@weft/config';
import { ShopifyCatchUpService } from './shopify-catch-up.service';
import { ShopifyChannelConfig } from './shopify-channel.config';

/** Runs the catch-up for every shop with Admin API credentials every SHOPIFY_CATCH_UP_INTERVAL_MS. */
@Injectable()
export class ShopifyCatchUpScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ShopifyCatchUp');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly catchUp: ShopifyCatchUpService,
    private readonly config: ShopifyChannelConfig,
    private readonly weft: WeftConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.writeBack !== 'admin-api' || this.config.catchUpIntervalMs === 0 || !this.weft.runsBackgroundWork) return;
    this.timer = setInterval(() => void this.tick(), this.config.catchUpIntervalMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    let shops: string[];
    try {
      shops = await this.catchUp.shops();
    } catch (e) {
      this.logger.warn(`catch-up skipped, shops unknown: ${(e as Error).message}`);
      return;
    }
    // Shops one after another, each failure its own: one shop's outage does not stop the others'.
    for (const shop of shops) {
      try {
        await this.catchUp.run(shop);
      } catch (e) {
        this.logger.warn(`catch-up of ${shop} failed: ${(e as Error).message}`);
      }
    }
  }
}
