import { MigrationInterface, QueryRunner } from 'typeorm';

export class ErpCancellationFeedPg1796185230523 implements MigrationInterface {
  name = 'ErpCancellationFeedPg1796185230523';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "erp_feed_cursors" ("feed" character varying(40) NOT NULL, "watermark" character varying(30) NOT NULL, "lastRunAt" character varying(30) NOT NULL, "lastSeen" integer NOT NULL DEFAULT '0', "lastError" character varying(300), CONSTRAINT "PK_5edf01678c3dd2408f1c5fcbe2e" PRIMARY KEY ("feed"))`,
    );
    await q.query(`ALTER TABLE "erp_sales_orders" ADD "cancelledAt" character varying(30)`);
    await q.query(`CREATE INDEX "IDX_4407c7be88d28ac75162689080" ON "erp_sales_orders" ("cancelledAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_4407c7be88d28ac75162689080"`);
    await q.query(`ALTER TABLE "erp_sales_orders" DROP COLUMN "cancelledAt"`);
    await q.query(`DROP TABLE "erp_feed_cursors"`);
  }
}
