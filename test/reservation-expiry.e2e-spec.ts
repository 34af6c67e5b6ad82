import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@weft/config';
import { WeftMetrics } from '@weft/observability';
import { UnitOfWork } from '@weft/persistence';
import { MetricsModule } from '@weft/platform';
import { testEnv, waitFor } from '@weft/testing';
import { ERP_CLOCK, ErpClock } from '../apps/system-api/src/erp/erp-clock.port';
import { ErpErrorCode } from '../apps/system-api/src/erp/erp.errors';
import {
  ErpProductRow,
  ErpReservationRow,
  ErpSalesOrderRow,
  ErpStockRow,
} from '../apps/system-api/src/erp/reference/reference-erp.entities';
import { ReferenceErpAdapter } from '../apps/system-api/src/erp/reference/reference.erp-adapter';
import { SystemApiModule } from '../apps/system-api/src/system-api.module';
import { SystemConfig } from '../apps/system-api/src/system.config';

class JumpClock implements ErpClock {
  offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
}

const TTL_S = 600;
const LOCATION = 'WH-MAIN';

/** The reference ERP's reservation expiry on a real database (SQLite, or PostgreSQL with WEFT_TEST_INFRA=real), clock faked; the sweep runs in the background. */
describe('reservations nobody confirms expire (reference ERP, fake clock)', () => {
  let app: NestFastifyApplication;
  let clock: JumpClock;
  let erp: ReferenceErpAdapter;
  let uow: UnitOfWork;

  beforeAll(async () => {
    const config = loadConfig(
      SystemConfig,
      testEnv({ RESERVATION_TTL_SECONDS: String(TTL_S), RESERVATION_SWEEP_INTERVAL_MS: '25', RESERVATION_SWEEP_BATCH: '2' }),
    );
    clock = new JumpClock();
    const moduleRef = await Test.createTestingModule({
      imports: [MetricsModule.forApp(new WeftMetrics('system-api')), SystemApiModule.register(config)],
    })
      .overrideProvider(ERP_CLOCK)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    erp = app.get(ReferenceErpAdapter);
    uow = app.get(UnitOfWork);
  });
  afterAll(() => app.close());

  /** A SKU of its own per test, so the tests do not share stock. */
  const stockedSku = async (onHand: number): Promise<string> => {
    const sku = `EXP-${randomUUID().slice(0, 8)}`;
    await uow.run(async (m) => {
      await m.insert(ErpProductRow, { sku, name: sku, listPriceMinor: 1000, currency: 'EUR' });
      await m.insert(ErpStockRow, { sku, locationId: LOCATION, onHand, reserved: 0 });
    });
    return sku;
  };
  const reservedOf = async (sku: string) => (await erp.getStock([sku], LOCATION))[0].reserved;
  const stateOf = async (key: string) => (await uow.manager.findOneByOrFail(ErpReservationRow, { reservationKey: key })).state;
  const reserve = (key: string, sku: string, quantity: number) =>
    erp.reserveStock({ reservationKey: key, locationId: LOCATION, lines: [{ sku, quantity }] });
  const salesOrder = async (key: string, sku: string, quantity: number) => {
    const customer = await erp.findOrCreateCustomer({ customerKey: `cust-${key}`, name: 'Expiry Test' });
    return erp.createSalesOrder({
      externalReference: key,
      erpCustomerId: customer.erpCustomerId,
      currency: 'EUR',
      channel: 'storefront',
      locationId: LOCATION,
      reservationKey: key,
      lines: [{ sku, quantity, unitPriceMinor: 1000 }],
    });
  };

  it('keeps an unconfirmed hold until its TTL, then the background sweep gives its stock back', async () => {
    const sku = await stockedSku(5);
    const key = `res-${randomUUID()}`;
    await reserve(key, sku, 3);
    expect(await reservedOf(sku)).toBe(3);

    clock.offset += (TTL_S - 5) * 1000;
    // Several sweep intervals pass with the hold not yet due: it must still be there.
    await erp.expireDueReservations(100);
    expect(await stateOf(key)).toBe('held');
    expect(await reservedOf(sku)).toBe(3);

    clock.offset += 10_000;
    await waitFor(
      'the hold to expire',
      () => stateOf(key),
      (s) => s === 'expired',
      10_000,
    );
    expect(await reservedOf(sku)).toBe(0);
  });

  it('never expires a hold that a sales order confirmed', async () => {
    const sku = await stockedSku(5);
    const key = `res-${randomUUID()}`;
    await reserve(key, sku, 2);
    await salesOrder(key, sku, 2);
    expect((await uow.manager.findOneByOrFail(ErpReservationRow, { reservationKey: key })).expiresAt).toBeNull();

    clock.offset += 2 * TTL_S * 1000;
    await erp.expireDueReservations(100);
    expect(await stateOf(key)).toBe('held');
    expect(await reservedOf(sku)).toBe(2);
  });

  it('expires every due hold in batches, oldest first, and each only once', async () => {
    const sku = await stockedSku(10);
    const keys = Array.from({ length: 5 }, (_, i) => `res-batch-${i}-${randomUUID()}`);
    for (const key of keys) await reserve(key, sku, 2);
    expect(await reservedOf(sku)).toBe(10);

    clock.offset += (TTL_S + 1) * 1000;
    // The batch is 2: the sweep loops until none is due; a concurrent manual pass must not give stock back twice.
    await Promise.all([erp.expireDueReservations(2), erp.expireDueReservations(2)]);
    await waitFor(
      'all five holds to expire',
      () => Promise.all(keys.map(stateOf)),
      (s) => s.every((x) => x === 'expired'),
      10_000,
    );
    expect(await reservedOf(sku)).toBe(0);
  });

  it('takes an expired hold again under its key, and a sales order re-takes a lapsed hold or refuses out of stock', async () => {
    const sku = await stockedSku(3);
    const resumed = `res-resumed-${randomUUID()}`;
    await reserve(resumed, sku, 2);
    clock.offset += (TTL_S + 1) * 1000;
    await waitFor(
      'the hold to expire',
      () => stateOf(resumed),
      (s) => s === 'expired',
      10_000,
    );
    expect(await reservedOf(sku)).toBe(0);

    // The order resumes: its reserve step runs again under the same key and holds the stock again, once.
    expect((await reserve(resumed, sku, 2)).state).toBe('held');
    expect((await reserve(resumed, sku, 2)).state).toBe('held');
    expect(await reservedOf(sku)).toBe(2);

    // A second order's hold lapses and its stock is sold to someone else: the sales order cannot confirm it.
    const lapsed = `res-lapsed-${randomUUID()}`;
    await reserve(lapsed, sku, 1);
    clock.offset += (TTL_S + 1) * 1000;
    await waitFor(
      'both holds to expire',
      () => Promise.all([stateOf(resumed), stateOf(lapsed)]),
      (s) => s.every((x) => x === 'expired'),
    );
    await reserve(`res-other-${randomUUID()}`, sku, 3);
    await expect(salesOrder(lapsed, sku, 1)).rejects.toMatchObject({ code: ErpErrorCode.OUT_OF_STOCK });
    expect(await uow.manager.findOneBy(ErpSalesOrderRow, { externalReference: lapsed })).toBeNull();
    expect(await stateOf(lapsed)).toBe('expired');

    // With stock back, the sales order re-takes the lapsed hold and confirms it (no expiry any more).
    const freed = await stockedSku(2);
    const again = `res-again-${randomUUID()}`;
    await reserve(again, freed, 2);
    clock.offset += (TTL_S + 1) * 1000;
    await waitFor(
      'the hold to expire',
      () => stateOf(again),
      (s) => s === 'expired',
      10_000,
    );
    await salesOrder(again, freed, 2);
    const row = await uow.manager.findOneByOrFail(ErpReservationRow, { reservationKey: again });
    expect(row).toMatchObject({ state: 'held', expiresAt: null });
    expect(await reservedOf(freed)).toBe(2);
  });
});
