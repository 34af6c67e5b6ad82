import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReconciliationKeysetIndexesSqlite1796173744461 implements MigrationInterface {
  name = 'ReconciliationKeysetIndexesSqlite1796173744461';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_aea1e18f5054f22244c8f0fcf0" ON "orders" ("createdAt", "id") `);
    await q.query(`CREATE INDEX "IDX_52540f8bd961b570edf16bc682" ON "returns" ("createdAt", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_52540f8bd961b570edf16bc682"`);
    await q.query(`DROP INDEX "IDX_aea1e18f5054f22244c8f0fcf0"`);
  }
}
