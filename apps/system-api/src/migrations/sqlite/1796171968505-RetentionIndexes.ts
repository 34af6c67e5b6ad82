import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionIndexesSqlite1796171968505 implements MigrationInterface {
  name = 'RetentionIndexesSqlite1796171968505';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_dead_letters_replayed_at" ON "dead_letters" ("replayedAt") `);
    await q.query(`CREATE INDEX "IDX_dead_letters_discarded_at" ON "dead_letters" ("discardedAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_dead_letters_discarded_at"`);
    await q.query(`DROP INDEX "IDX_dead_letters_replayed_at"`);
  }
}
