import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionIndexesPg1796171968505 implements MigrationInterface {
  name = 'RetentionIndexesPg1796171968505';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "IDX_dead_letters_replayed_at" ON "dead_letters" ("replayedAt") `);
    await q.query(`CREATE INDEX "IDX_dead_letters_discarded_at" ON "dead_letters" ("discardedAt") `);
    await q.query(`CREATE INDEX "IDX_shopify_inbox_received_at" ON "shopify_inbox" ("receivedAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_shopify_inbox_received_at"`);
    await q.query(`DROP INDEX "IDX_dead_letters_discarded_at"`);
    await q.query(`DROP INDEX "IDX_dead_letters_replayed_at"`);
  }
}
