import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wave2FeaturesSqlite1796166182741 implements MigrationInterface {
  name = 'Wave2FeaturesSqlite1796166182741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "shopify_fulfilments" ("shipmentKey" varchar(240) PRIMARY KEY NOT NULL, "shop" varchar(100) NOT NULL, "orderId" varchar(80) NOT NULL, "fulfillmentId" varchar(80) NOT NULL, "status" varchar(30) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`DROP INDEX "IDX_48503bd1da18ef7261ad03d351"`);
    await q.query(
      `CREATE TABLE "temporary_outbox" ("id" varchar(64) PRIMARY KEY NOT NULL, "type" varchar(120) NOT NULL, "subject" varchar(200), "payload" text NOT NULL, "createdAt" varchar(30) NOT NULL, "publishedAt" varchar(30), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30) NOT NULL, "leaseUntil" varchar(30), "leaseOwner" varchar(64), "lastError" text, "deadLetteredAt" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "temporary_outbox"("id", "type", "subject", "payload", "createdAt", "publishedAt", "attempts", "nextAttemptAt", "leaseUntil", "leaseOwner", "lastError") SELECT "id", "type", "subject", "payload", "createdAt", "publishedAt", "attempts", "nextAttemptAt", "leaseUntil", "leaseOwner", "lastError" FROM "outbox"`,
    );
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`ALTER TABLE "temporary_outbox" RENAME TO "outbox"`);
    await q.query(`CREATE INDEX "IDX_48503bd1da18ef7261ad03d351" ON "outbox" ("publishedAt", "nextAttemptAt") `);
    await q.query(`DROP INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2"`);
    await q.query(
      `CREATE TABLE "temporary_dead_letters" ("id" varchar PRIMARY KEY NOT NULL, "consumer" varchar(80) NOT NULL, "eventId" varchar(64) NOT NULL, "type" varchar(120) NOT NULL, "payload" text NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "createdAt" varchar(30) NOT NULL, "replayedAt" varchar(30), "discardedAt" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "temporary_dead_letters"("id", "consumer", "eventId", "type", "payload", "error", "attempts", "createdAt", "replayedAt") SELECT "id", "consumer", "eventId", "type", "payload", "error", "attempts", "createdAt", "replayedAt" FROM "dead_letters"`,
    );
    await q.query(`DROP TABLE "dead_letters"`);
    await q.query(`ALTER TABLE "temporary_dead_letters" RENAME TO "dead_letters"`);
    await q.query(`CREATE INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2" ON "dead_letters" ("consumer", "eventId") `);
    await q.query(`DROP INDEX "IDX_041760c70eaff7f3956cd678fd"`);
    await q.query(
      `CREATE TABLE "temporary_erp_sales_orders" ("id" varchar(40) PRIMARY KEY NOT NULL, "externalReference" varchar(200) NOT NULL, "customerId" varchar(40) NOT NULL, "currency" varchar(3) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "lines" text NOT NULL, "locationId" varchar(64) NOT NULL, "reservationKey" varchar(200), "createdAt" varchar(30) NOT NULL, "shipping" text, "taxesIncluded" boolean NOT NULL DEFAULT (0), "taxMinor" integer NOT NULL DEFAULT (0), "discountMinor" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(
      `INSERT INTO "temporary_erp_sales_orders"("id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt") SELECT "id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt" FROM "erp_sales_orders"`,
    );
    await q.query(`DROP TABLE "erp_sales_orders"`);
    await q.query(`ALTER TABLE "temporary_erp_sales_orders" RENAME TO "erp_sales_orders"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_041760c70eaff7f3956cd678fd" ON "erp_sales_orders" ("externalReference") `);
    await q.query(`DROP INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5"`);
    await q.query(`DROP INDEX "IDX_8a192c28256afd58856e4cb533"`);
    await q.query(
      `CREATE TABLE "temporary_erp_invoices" ("id" varchar(40) PRIMARY KEY NOT NULL, "salesOrderId" varchar(40) NOT NULL, "documentKey" varchar(220) NOT NULL, "kind" varchar(16) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "paidMinor" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "lines" text, "createdAt" varchar(30) NOT NULL, "taxMinor" integer NOT NULL DEFAULT (0), "discountMinor" integer NOT NULL DEFAULT (0))`,
    );
    await q.query(
      `INSERT INTO "temporary_erp_invoices"("id", "salesOrderId", "documentKey", "kind", "state", "totalMinor", "paidMinor", "currency", "lines", "createdAt") SELECT "id", "salesOrderId", "documentKey", "kind", "state", "totalMinor", "paidMinor", "currency", "lines", "createdAt" FROM "erp_invoices"`,
    );
    await q.query(`DROP TABLE "erp_invoices"`);
    await q.query(`ALTER TABLE "temporary_erp_invoices" RENAME TO "erp_invoices"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5" ON "erp_invoices" ("documentKey") `);
    await q.query(`CREATE INDEX "IDX_8a192c28256afd58856e4cb533" ON "erp_invoices" ("salesOrderId") `);
    await q.query(`CREATE INDEX "IDX_8c81adb10c1386292b1886db06" ON "erp_payments" ("invoiceId") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_8c81adb10c1386292b1886db06"`);
    await q.query(`DROP INDEX "IDX_8a192c28256afd58856e4cb533"`);
    await q.query(`DROP INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5"`);
    await q.query(`ALTER TABLE "erp_invoices" RENAME TO "temporary_erp_invoices"`);
    await q.query(
      `CREATE TABLE "erp_invoices" ("id" varchar(40) PRIMARY KEY NOT NULL, "salesOrderId" varchar(40) NOT NULL, "documentKey" varchar(220) NOT NULL, "kind" varchar(16) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "paidMinor" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "lines" text, "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "erp_invoices"("id", "salesOrderId", "documentKey", "kind", "state", "totalMinor", "paidMinor", "currency", "lines", "createdAt") SELECT "id", "salesOrderId", "documentKey", "kind", "state", "totalMinor", "paidMinor", "currency", "lines", "createdAt" FROM "temporary_erp_invoices"`,
    );
    await q.query(`DROP TABLE "temporary_erp_invoices"`);
    await q.query(`CREATE INDEX "IDX_8a192c28256afd58856e4cb533" ON "erp_invoices" ("salesOrderId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5" ON "erp_invoices" ("documentKey") `);
    await q.query(`DROP INDEX "IDX_041760c70eaff7f3956cd678fd"`);
    await q.query(`ALTER TABLE "erp_sales_orders" RENAME TO "temporary_erp_sales_orders"`);
    await q.query(
      `CREATE TABLE "erp_sales_orders" ("id" varchar(40) PRIMARY KEY NOT NULL, "externalReference" varchar(200) NOT NULL, "customerId" varchar(40) NOT NULL, "currency" varchar(3) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "lines" text NOT NULL, "locationId" varchar(64) NOT NULL, "reservationKey" varchar(200), "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "erp_sales_orders"("id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt") SELECT "id", "externalReference", "customerId", "currency", "state", "totalMinor", "lines", "locationId", "reservationKey", "createdAt" FROM "temporary_erp_sales_orders"`,
    );
    await q.query(`DROP TABLE "temporary_erp_sales_orders"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_041760c70eaff7f3956cd678fd" ON "erp_sales_orders" ("externalReference") `);
    await q.query(`DROP INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2"`);
    await q.query(`ALTER TABLE "dead_letters" RENAME TO "temporary_dead_letters"`);
    await q.query(
      `CREATE TABLE "dead_letters" ("id" varchar PRIMARY KEY NOT NULL, "consumer" varchar(80) NOT NULL, "eventId" varchar(64) NOT NULL, "type" varchar(120) NOT NULL, "payload" text NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "createdAt" varchar(30) NOT NULL, "replayedAt" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "dead_letters"("id", "consumer", "eventId", "type", "payload", "error", "attempts", "createdAt", "replayedAt") SELECT "id", "consumer", "eventId", "type", "payload", "error", "attempts", "createdAt", "replayedAt" FROM "temporary_dead_letters"`,
    );
    await q.query(`DROP TABLE "temporary_dead_letters"`);
    await q.query(`CREATE INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2" ON "dead_letters" ("consumer", "eventId") `);
    await q.query(`DROP INDEX "IDX_48503bd1da18ef7261ad03d351"`);
    await q.query(`ALTER TABLE "outbox" RENAME TO "temporary_outbox"`);
    await q.query(
      `CREATE TABLE "outbox" ("id" varchar(64) PRIMARY KEY NOT NULL, "type" varchar(120) NOT NULL, "subject" varchar(200), "payload" text NOT NULL, "createdAt" varchar(30) NOT NULL, "publishedAt" varchar(30), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30) NOT NULL, "leaseUntil" varchar(30), "leaseOwner" varchar(64), "lastError" text)`,
    );
    await q.query(
      `INSERT INTO "outbox"("id", "type", "subject", "payload", "createdAt", "publishedAt", "attempts", "nextAttemptAt", "leaseUntil", "leaseOwner", "lastError") SELECT "id", "type", "subject", "payload", "createdAt", "publishedAt", "attempts", "nextAttemptAt", "leaseUntil", "leaseOwner", "lastError" FROM "temporary_outbox"`,
    );
    await q.query(`DROP TABLE "temporary_outbox"`);
    await q.query(`CREATE INDEX "IDX_48503bd1da18ef7261ad03d351" ON "outbox" ("publishedAt", "nextAttemptAt") `);
    await q.query(`DROP TABLE "shopify_fulfilments"`);
  }
}
