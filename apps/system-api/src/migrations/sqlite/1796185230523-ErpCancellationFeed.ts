import { MigrationInterface, QueryRunner } from 'typeorm';

export class ErpCancellationFeedSqlite1796185230523 implements MigrationInterface {
  name = 'ErpCancellationFeedSqlite1796185230523';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "erp_feed_cursors" ("feed" varchar(40) PRIMARY KEY NOT NULL, "watermark" varchar(30) NOT NULL, "lastRunAt" varchar(30) NOT NULL, "lastSeen" integer NOT NULL DEFAULT (0), "lastError" varchar(300))`,
    );
    await q.query(`DROP INDEX "IDX_041760c70eaff7f3956cd678fd"`);
    await q.query(
      `CREATE TABLE "temporary_erp_sales_orders" ("id" varchar(40) PRIMARY KEY NOT NULL, "externalReference" varchar(200) NOT NULL, "customerId" varchar(40) NOT NULL, "currency" varchar(3) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "lines" text NOT NULL, "locationId" varchar(64) NOT NULL, "reservationKey" varchar(200), "createdAt" varchar(30) NOT NULL, "shipping" text, "taxesIncluded" boolean NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "discountMinor" integer NOT NULL DEFAULT (0), "cancelledAt" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "temporary_erp_sales_orders"("id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt", "shipping", "taxesIncluded", "taxMinor", "discountMinor") SELECT "id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt", "shipping", "taxesIncluded", "taxMinor", "discountMinor" FROM "erp_sales_orders"`,
    );
    await q.query(`DROP TABLE "erp_sales_orders"`);
    await q.query(`ALTER TABLE "temporary_erp_sales_orders" RENAME TO "erp_sales_orders"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_041760c70eaff7f3956cd678fd" ON "erp_sales_orders" ("externalReference") `);
    await q.query(`CREATE INDEX "IDX_4407c7be88d28ac75162689080" ON "erp_sales_orders" ("cancelledAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_4407c7be88d28ac75162689080"`);
    await q.query(`DROP INDEX "IDX_041760c70eaff7f3956cd678fd"`);
    await q.query(`ALTER TABLE "erp_sales_orders" RENAME TO "temporary_erp_sales_orders"`);
    await q.query(
      `CREATE TABLE "erp_sales_orders" ("id" varchar(40) PRIMARY KEY NOT NULL, "externalReference" varchar(200) NOT NULL, "customerId" varchar(40) NOT NULL, "currency" varchar(3) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "lines" text NOT NULL, "locationId" varchar(64) NOT NULL, "reservationKey" varchar(200), "createdAt" varchar(30) NOT NULL, "shipping" text, "taxesIncluded" boolean NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "discountMinor" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(
      `INSERT INTO "erp_sales_orders"("id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt", "shipping", "taxesIncluded", "taxMinor", "discountMinor") SELECT "id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt", "shipping", "taxesIncluded", "taxMinor", "discountMinor" FROM "temporary_erp_sales_orders"`,
    );
    await q.query(`DROP TABLE "temporary_erp_sales_orders"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_041760c70eaff7f3956cd678fd" ON "erp_sales_orders" ("externalReference") `);
    await q.query(`DROP TABLE "erp_feed_cursors"`);
  }
}
