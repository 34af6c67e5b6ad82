import { MigrationInterface, QueryRunner } from 'typeorm';

export class DueIndexesPg1796186519738 implements MigrationInterface {
  name = 'DueIndexesPg1796186519738';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_orders_due" ON "orders" ("createdAt", "id") WHERE "nextAttemptAt" IS NOT NULL`);
    await q.query(`CREATE INDEX "IDX_returns_due" ON "returns" ("createdAt", "id") WHERE "nextAttemptAt" IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_returns_due"`);
    await q.query(`DROP INDEX "IDX_orders_due"`);
  }
}
