import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wave2FeaturesPg1796166182741 implements MigrationInterface {
  name = 'Wave2FeaturesPg1796166182741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "outbox" ADD "deadLetteredAt" character varying(30)`);
    await q.query(`ALTER TABLE "dead_letters" ADD "discardedAt" character varying(30)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "dead_letters" DROP COLUMN "discardedAt"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "deadLetteredAt"`);
  }
}
