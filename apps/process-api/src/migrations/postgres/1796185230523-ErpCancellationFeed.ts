import { MigrationInterface, QueryRunner } from 'typeorm';

export class ErpCancellationFeedPg1796185230523 implements MigrationInterface {
  name = 'ErpCancellationFeedPg1796185230523';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders" ADD "cancelledBy" character varying(16)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders" DROP COLUMN "cancelledBy"`);
  }
}
