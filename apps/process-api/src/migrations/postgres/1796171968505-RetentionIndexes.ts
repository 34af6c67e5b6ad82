import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionIndexesPg1796171968505 implements MigrationInterface {
  name = 'RetentionIndexesPg1796171968505';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_dead_letters_replayed_at" ON "dead_letters" ("replayedAt") `);
    await q.query(`CREATE INDEX "IDX_dead_letters_discarded_at" ON "dead_letters" ("discardedAt") `);
    await q.query(`CREATE INDEX "IDX_order_transitions_at" ON "order_transitions" ("at") `);
    await q.query(`CREATE INDEX "IDX_return_transitions_at" ON "return_transitions" ("at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_return_transitions_at"`);
    await q.query(`DROP INDEX "IDX_order_transitions_at"`);
    await q.query(`DROP INDEX "IDX_dead_letters_discarded_at"`);
    await q.query(`DROP INDEX "IDX_dead_letters_replayed_at"`);
  }
}
