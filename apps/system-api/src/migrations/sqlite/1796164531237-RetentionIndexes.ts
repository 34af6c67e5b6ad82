import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionIndexesSqlite1796164531237 implements MigrationInterface {
  name = 'RetentionIndexesSqlite1796164531237';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_processed_events_processed_at" ON "processed_events" ("processedAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_processed_events_processed_at"`);
  }
}
