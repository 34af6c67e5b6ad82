import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUniqueViolation, UnitOfWork } from '@weft/persistence';
import { toMinor } from '@weft/retail-model';
import { DEFAULT_LOCATION } from './reference.erp-adapter';
import { ErpCustomerRow, ErpProductRow, ErpStockRow } from './reference-erp.entities';

interface CatalogItem {
  sku: string;
  name: string;
  listPrice: string;
  quantity: number;
}

export const DEMO_STORE = 'STORE-001';
export const DEMO_CUSTOMER_KEY = 'demo-customer';

export function demoCatalogPath(): string {
  return process.env.WEFT_CATALOG_FILE ?? join(process.cwd(), 'config', 'demo-catalog.json');
}

/** The embedded default starts with the demo catalog (the same file seeds Tryton) and one customer. */
export async function seedDemoData(uow: UnitOfWork): Promise<boolean> {
  if ((await uow.manager.count(ErpProductRow)) > 0) return false;
  const catalog = JSON.parse(readFileSync(demoCatalogPath(), 'utf8')) as CatalogItem[];
  try {
    await seedOnce(uow, catalog);
  } catch (e) {
    // Replicas starting together both saw an empty catalog; the one that lost the race has nothing to do.
    if (isUniqueViolation(e)) return false;
    throw e;
  }
  return true;
}

async function seedOnce(uow: UnitOfWork, catalog: CatalogItem[]): Promise<void> {
  await uow.run(async (m) => {
    for (const item of catalog) {
      await m.insert(ErpProductRow, { sku: item.sku, name: item.name, listPriceMinor: toMinor(item.listPrice, 'USD'), currency: 'USD' });
      await m.insert(ErpStockRow, { sku: item.sku, locationId: DEFAULT_LOCATION, onHand: item.quantity, reserved: 0 });
      await m.insert(ErpStockRow, { sku: item.sku, locationId: DEMO_STORE, onHand: Math.min(item.quantity, 20), reserved: 0 });
    }
    await m.insert(ErpCustomerRow, {
      id: 'C-DEMO-0001',
      customerKey: DEMO_CUSTOMER_KEY,
      name: 'Ada Demo',
      email: 'ada.demo@example.com',
      phone: '+14155550100',
      address: JSON.stringify({ line1: '1 Demo Street', city: 'San Francisco', region: 'CA', postalCode: '94105', countryCode: 'US' }),
    });
  });
}
