import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderTraceparentPg1796166700788 implements MigrationInterface {
  name = 'OrderTraceparentPg1796166700788';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders" ADD "traceparent" character varying(60)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "orders" DROP COLUMN "traceparent"`);
  }
}
