import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { SystemConfig } from '../../system.config';
import { ERP_PORT, ErpPort } from '../erp.port';
import { ReferenceErpAdapter } from './reference.erp-adapter';

/**
 * Runs the reference ERP's reservation expiry in the background: every RESERVATION_SWEEP_INTERVAL_MS it
 * expires due holds in batches of RESERVATION_SWEEP_BATCH until none is due. Several replicas may sweep
 * at once; each expiry is a conditional update, so a hold is given back once. Tryton holds nothing (its
 * reserve is an availability check), so there is nothing to sweep there.
 */
@Injectable()
export class ReservationExpirySweep implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ReservationExpirySweep.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    @Inject(ERP_PORT) private readonly port: ErpPort,
    private readonly reference: ReferenceErpAdapter,
    private readonly config: SystemConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.port.name !== 'reference' || !this.config.runsBackgroundWork) return;
    this.timer = setInterval(
      () => void this.sweep().catch((e: Error) => this.logger.warn(`reservation sweep failed: ${e.message}`)),
      this.config.RESERVATION_SWEEP_INTERVAL_MS,
    );
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass until nothing is due; a pass already under way is joined, not doubled. */
  sweep(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.reference.expireDueReservations(this.config.RESERVATION_SWEEP_BATCH);
      total += n;
      if (n < this.config.RESERVATION_SWEEP_BATCH) break;
    }
    if (total > 0) this.logger.log(`${total} unconfirmed reservation(s) expired and their stock given back`);
    return total;
  }
}
