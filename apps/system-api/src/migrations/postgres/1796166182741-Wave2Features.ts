import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wave2FeaturesPg1796166182741 implements MigrationInterface {
  name = 'Wave2FeaturesPg1796166182741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "shopify_fulfilments" ("shipmentKey" character varying(240) NOT NULL, "shop" character varying(100) NOT NULL, "orderId" character varying(80) NOT NULL, "fulfillmentId" character varying(80) NOT NULL, "status" character varying(30) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_2c6df029336e9e245aa60e03e75" PRIMARY KEY ("shipmentKey"))`,
    );
    await q.query(`ALTER TABLE "outbox" ADD "deadLetteredAt" character varying(30)`);
    await q.query(`ALTER TABLE "dead_letters" ADD "discardedAt" character varying(30)`);
    await q.query(`ALTER TABLE "erp_sales_orders" ADD "shipping" text`);
    await q.query(`ALTER TABLE "erp_sales_orders" ADD "taxesIncluded" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "erp_sales_orders" ADD "taxMinor" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "erp_sales_orders" ADD "discountMinor" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "erp_invoices" ADD "taxMinor" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "erp_invoices" ADD "discountMinor" integer NOT NULL DEFAULT '0'`);
    await q.query(`CREATE INDEX "IDX_8c81adb10c1386292b1886db06" ON "erp_payments" ("invoiceId") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_8c81adb10c1386292b1886db06"`);
    await q.query(`ALTER TABLE "erp_invoices" DROP COLUMN "discountMinor"`);
    await q.query(`ALTER TABLE "erp_invoices" DROP COLUMN "taxMinor"`);
    await q.query(`ALTER TABLE "erp_sales_orders" DROP COLUMN "discountMinor"`);
    await q.query(`ALTER TABLE "erp_sales_orders" DROP COLUMN "taxMinor"`);
    await q.query(`ALTER TABLE "erp_sales_orders" DROP COLUMN "taxesIncluded"`);
    await q.query(`ALTER TABLE "erp_sales_orders" DROP COLUMN "shipping"`);
    await q.query(`ALTER TABLE "dead_letters" DROP COLUMN "discardedAt"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "deadLetteredAt"`);
    await q.query(`DROP TABLE "shopify_fulfilments"`);
  }
}
