import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@weft/problem';
import { SYSTEM_PORT, SystemPort } from '../system/system.port';
import { InventoryConfig } from './inventory.config';
import { InventoryDto, mapInventory } from './inventory.dto';
import { InventoryProjector } from './inventory-projector';
import { InventoryStore, LocationFigures } from './inventory.store';

const REFRESH_CHUNK = 100;

/**
 * Availability reads, and (re)loading the projection from the ERP: on first sight of a SKU, on demand,
 * and periodically (StockLedgerReconciler runs refreshAll, then reconciles the ledger's holds).
 */
@Injectable()
export class InventoryService {
  constructor(
    private readonly store: InventoryStore,
    private readonly projector: InventoryProjector,
    private readonly config: InventoryConfig,
    @Inject(SYSTEM_PORT) private readonly system: SystemPort,
  ) {}

  async get(sku: string): Promise<InventoryDto> {
    const [dto] = await this.list([sku]);
    if (!dto) throw new DomainError(ErrorCode.NOT_FOUND, `No stock on record for ${sku}`);
    return dto;
  }

  async list(skus: string[]): Promise<InventoryDto[]> {
    const unique = [...new Set(skus)];
    const figures = await this.ensureFigures(unique);
    return unique
      .map((s) => figures.filter((f) => f.sku === s))
      .filter((fs) => fs.length > 0)
      .map((fs) => mapInventory(fs, this.config));
  }

  /** The projection's figures; SKUs never seen before are loaded from the ERP first. */
  async ensureFigures(skus: string[], locationId?: string): Promise<LocationFigures[]> {
    let figures = await this.store.readFigures(skus, locationId);
    const missing = skus.filter((s) => !figures.some((f) => f.sku === s));
    if (missing.length > 0) {
      await this.refresh(missing, 'initial load from the ERP');
      figures = await this.store.readFigures(skus, locationId);
    }
    return figures;
  }

  /** Reads the ERP's stock for these SKUs (every location) and applies it. */
  async refresh(skus: string[], cause = 'refreshed from the ERP'): Promise<void> {
    if (skus.length === 0) return;
    const erpAsOf = new Date().toISOString();
    const levels = await this.system.getStock(skus);
    await this.store.uow.run((m) =>
      this.projector.change(m, skus, cause, () => this.store.applyErpLevels(m, levels, erpAsOf, new Date().toISOString())),
    );
  }

  async refreshAll(): Promise<number> {
    const skus = await this.store.knownSkus();
    for (let i = 0; i < skus.length; i += REFRESH_CHUNK)
      await this.refresh(skus.slice(i, i + REFRESH_CHUNK), 'periodic refresh from the ERP');
    return skus.length;
  }
}
