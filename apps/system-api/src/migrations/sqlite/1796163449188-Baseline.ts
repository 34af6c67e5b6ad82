import { MigrationInterface, QueryRunner } from 'typeorm';

export class BaselineSqlite1796163449188 implements MigrationInterface {
  name = 'BaselineSqlite1796163449188';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox" ("id" varchar(64) PRIMARY KEY NOT NULL, "type" varchar(120) NOT NULL, "subject" varchar(200), "payload" text NOT NULL, "createdAt" varchar(30) NOT NULL, "publishedAt" varchar(30), "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30) NOT NULL, "leaseUntil" varchar(30), "leaseOwner" varchar(64), "lastError" text)`,
    );
    await q.query(`CREATE INDEX "IDX_48503bd1da18ef7261ad03d351" ON "outbox" ("publishedAt", "nextAttemptAt") `);
    await q.query(
      `CREATE TABLE "processed_events" ("consumer" varchar(80) NOT NULL, "eventId" varchar(64) NOT NULL, "processedAt" varchar(30) NOT NULL, PRIMARY KEY ("consumer", "eventId"))`,
    );
    await q.query(
      `CREATE TABLE "dead_letters" ("id" varchar PRIMARY KEY NOT NULL, "consumer" varchar(80) NOT NULL, "eventId" varchar(64) NOT NULL, "type" varchar(120) NOT NULL, "payload" text NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "createdAt" varchar(30) NOT NULL, "replayedAt" varchar(30))`,
    );
    await q.query(`CREATE INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2" ON "dead_letters" ("consumer", "eventId") `);
    await q.query(
      `CREATE TABLE "crm_contacts" ("id" varchar(40) PRIMARY KEY NOT NULL, "email" varchar(200), "phone" varchar(32), "firstName" varchar(100), "lastName" varchar(100), "customerKeys" text NOT NULL, "marketingConsent" boolean, "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_8b74acc6f827a1702a33ef4ed8" ON "crm_contacts" ("email") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_d4f437fe22e0fe173844a8b136" ON "crm_contacts" ("phone") `);
    await q.query(
      `CREATE TABLE "crm_activities" ("id" varchar(40) PRIMARY KEY NOT NULL, "contactId" varchar(40) NOT NULL, "activityKey" varchar(250) NOT NULL, "kind" varchar(60) NOT NULL, "summary" varchar(500) NOT NULL, "data" text, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_4a051865ebae6939bbcbf2575c" ON "crm_activities" ("contactId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_2879030178aec937e63e7d3b98" ON "crm_activities" ("activityKey") `);
    await q.query(
      `CREATE TABLE "erp_products" ("sku" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL, "listPriceMinor" integer NOT NULL, "currency" varchar(3) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "erp_stock" ("sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "onHand" integer NOT NULL, "reserved" integer NOT NULL DEFAULT (0), PRIMARY KEY ("sku", "locationId"))`,
    );
    await q.query(
      `CREATE TABLE "erp_reservations" ("reservationKey" varchar(200) PRIMARY KEY NOT NULL, "state" varchar(16) NOT NULL, "lines" text NOT NULL, "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "erp_customers" ("id" varchar(40) PRIMARY KEY NOT NULL, "customerKey" varchar(200) NOT NULL, "name" varchar(200) NOT NULL, "email" varchar(200), "phone" varchar(40), "address" text)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_918f314cb4e173e74382028072" ON "erp_customers" ("customerKey") `);
    await q.query(
      `CREATE TABLE "erp_sales_orders" ("id" varchar(40) PRIMARY KEY NOT NULL, "externalReference" varchar(200) NOT NULL, "customerId" varchar(40) NOT NULL, "currency" varchar(3) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "lines" text NOT NULL, "locationId" varchar(64) NOT NULL, "reservationKey" varchar(200), "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_041760c70eaff7f3956cd678fd" ON "erp_sales_orders" ("externalReference") `);
    await q.query(
      `CREATE TABLE "erp_shipments" ("id" varchar(40) PRIMARY KEY NOT NULL, "salesOrderId" varchar(40) NOT NULL, "shipmentKey" varchar(200) NOT NULL, "lines" text NOT NULL, "carrier" varchar(100), "trackingNumber" varchar(100), "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_e233a07d92d2a8b591f3b5fcd3" ON "erp_shipments" ("salesOrderId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_46d4c415cc517530a302bef76a" ON "erp_shipments" ("shipmentKey") `);
    await q.query(
      `CREATE TABLE "erp_invoices" ("id" varchar(40) PRIMARY KEY NOT NULL, "salesOrderId" varchar(40) NOT NULL, "documentKey" varchar(220) NOT NULL, "kind" varchar(16) NOT NULL, "state" varchar(16) NOT NULL, "totalMinor" integer NOT NULL, "paidMinor" integer NOT NULL DEFAULT (0), "currency" varchar(3) NOT NULL, "lines" text, "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_8a192c28256afd58856e4cb533" ON "erp_invoices" ("salesOrderId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5" ON "erp_invoices" ("documentKey") `);
    await q.query(
      `CREATE TABLE "erp_payments" ("paymentKey" varchar(200) PRIMARY KEY NOT NULL, "invoiceId" varchar(40) NOT NULL, "amountMinor" integer NOT NULL, "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(
      `CREATE TABLE "erp_receipts" ("receiptKey" varchar(200) PRIMARY KEY NOT NULL, "locationId" varchar(64) NOT NULL, "lines" text NOT NULL, "createdAt" varchar(30) NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "erp_receipts"`);
    await q.query(`DROP TABLE "erp_payments"`);
    await q.query(`DROP INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5"`);
    await q.query(`DROP INDEX "IDX_8a192c28256afd58856e4cb533"`);
    await q.query(`DROP TABLE "erp_invoices"`);
    await q.query(`DROP INDEX "IDX_46d4c415cc517530a302bef76a"`);
    await q.query(`DROP INDEX "IDX_e233a07d92d2a8b591f3b5fcd3"`);
    await q.query(`DROP TABLE "erp_shipments"`);
    await q.query(`DROP INDEX "IDX_041760c70eaff7f3956cd678fd"`);
    await q.query(`DROP TABLE "erp_sales_orders"`);
    await q.query(`DROP INDEX "IDX_918f314cb4e173e74382028072"`);
    await q.query(`DROP TABLE "erp_customers"`);
    await q.query(`DROP TABLE "erp_reservations"`);
    await q.query(`DROP TABLE "erp_stock"`);
    await q.query(`DROP TABLE "erp_products"`);
    await q.query(`DROP INDEX "IDX_2879030178aec937e63e7d3b98"`);
    await q.query(`DROP INDEX "IDX_4a051865ebae6939bbcbf2575c"`);
    await q.query(`DROP TABLE "crm_activities"`);
    await q.query(`DROP INDEX "IDX_d4f437fe22e0fe173844a8b136"`);
    await q.query(`DROP INDEX "IDX_8b74acc6f827a1702a33ef4ed8"`);
    await q.query(`DROP TABLE "crm_contacts"`);
    await q.query(`DROP INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2"`);
    await q.query(`DROP TABLE "dead_letters"`);
    await q.query(`DROP TABLE "processed_events"`);
    await q.query(`DROP INDEX "IDX_48503bd1da18ef7261ad03d351"`);
    await q.query(`DROP TABLE "outbox"`);
  }
}
