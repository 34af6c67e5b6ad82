import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxDueIndexSqlite1796187168419 implements MigrationInterface {
  name = 'OutboxDueIndexSqlite1796187168419';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_outbox_due" ON "outbox" ("createdAt", "id") WHERE "publishedAt" IS NULL AND "deadLetteredAt" IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_outbox_due"`);
  }
}
