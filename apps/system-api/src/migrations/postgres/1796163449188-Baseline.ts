import { MigrationInterface, QueryRunner } from 'typeorm';

export class BaselinePg1796163449188 implements MigrationInterface {
  name = 'BaselinePg1796163449188';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "outbox" ("id" character varying(64) NOT NULL, "type" character varying(120) NOT NULL, "subject" character varying(200), "payload" text NOT NULL, "createdAt" character varying(30) NOT NULL, "publishedAt" character varying(30), "attempts" integer NOT NULL DEFAULT '0', "nextAttemptAt" character varying(30) NOT NULL, "leaseUntil" character varying(30), "leaseOwner" character varying(64), "lastError" text, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_48503bd1da18ef7261ad03d351" ON "outbox" ("publishedAt", "nextAttemptAt") `);
    await q.query(
      `CREATE TABLE "processed_events" ("consumer" character varying(80) NOT NULL, "eventId" character varying(64) NOT NULL, "processedAt" character varying(30) NOT NULL, CONSTRAINT "PK_9d3aec048091ffef44b52e69527" PRIMARY KEY ("consumer", "eventId"))`,
    );
    await q.query(
      `CREATE TABLE "dead_letters" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "consumer" character varying(80) NOT NULL, "eventId" character varying(64) NOT NULL, "type" character varying(120) NOT NULL, "payload" text NOT NULL, "error" text NOT NULL, "attempts" integer NOT NULL, "createdAt" character varying(30) NOT NULL, "replayedAt" character varying(30), CONSTRAINT "PK_084e63809483fb0a9c48aae607f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2" ON "dead_letters" ("consumer", "eventId") `);
    await q.query(
      `CREATE TABLE "crm_contacts" ("id" character varying(40) NOT NULL, "email" character varying(200), "phone" character varying(32), "firstName" character varying(100), "lastName" character varying(100), "customerKeys" text NOT NULL, "marketingConsent" boolean, "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_bb46ecfcdfc9e97ef0df2905d14" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_8b74acc6f827a1702a33ef4ed8" ON "crm_contacts" ("email") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_d4f437fe22e0fe173844a8b136" ON "crm_contacts" ("phone") `);
    await q.query(
      `CREATE TABLE "crm_activities" ("id" character varying(40) NOT NULL, "contactId" character varying(40) NOT NULL, "activityKey" character varying(250) NOT NULL, "kind" character varying(60) NOT NULL, "summary" character varying(500) NOT NULL, "data" text, "at" character varying(30) NOT NULL, CONSTRAINT "PK_d56ffe80fd59fb40765d9f6ff35" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_4a051865ebae6939bbcbf2575c" ON "crm_activities" ("contactId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_2879030178aec937e63e7d3b98" ON "crm_activities" ("activityKey") `);
    await q.query(
      `CREATE TABLE "erp_products" ("sku" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "listPriceMinor" integer NOT NULL, "currency" character varying(3) NOT NULL, CONSTRAINT "PK_aa8099a83014f4b0926695444d6" PRIMARY KEY ("sku"))`,
    );
    await q.query(
      `CREATE TABLE "erp_stock" ("sku" character varying(64) NOT NULL, "locationId" character varying(64) NOT NULL, "onHand" integer NOT NULL, "reserved" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_511dcff3fffd5703c777785e7df" PRIMARY KEY ("sku", "locationId"))`,
    );
    await q.query(
      `CREATE TABLE "erp_reservations" ("reservationKey" character varying(200) NOT NULL, "state" character varying(16) NOT NULL, "lines" text NOT NULL, "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_cb00e077ce050f981316b0bab8e" PRIMARY KEY ("reservationKey"))`,
    );
    await q.query(
      `CREATE TABLE "erp_customers" ("id" character varying(40) NOT NULL, "customerKey" character varying(200) NOT NULL, "name" character varying(200) NOT NULL, "email" character varying(200), "phone" character varying(40), "address" text, CONSTRAINT "PK_8a88be5926da60d76588c58f4bf" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_918f314cb4e173e74382028072" ON "erp_customers" ("customerKey") `);
    await q.query(
      `CREATE TABLE "erp_sales_orders" ("id" character varying(40) NOT NULL, "externalReference" character varying(200) NOT NULL, "customerId" character varying(40) NOT NULL, "currency" character varying(3) NOT NULL, "state" character varying(16) NOT NULL, "totalMinor" integer NOT NULL, "lines" text NOT NULL, "locationId" character varying(64) NOT NULL, "reservationKey" character varying(200), "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_39c5066cfb70bb807c30d3ec67f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_041760c70eaff7f3956cd678fd" ON "erp_sales_orders" ("externalReference") `);
    await q.query(
      `CREATE TABLE "erp_shipments" ("id" character varying(40) NOT NULL, "salesOrderId" character varying(40) NOT NULL, "shipmentKey" character varying(200) NOT NULL, "lines" text NOT NULL, "carrier" character varying(100), "trackingNumber" character varying(100), "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_7fd382136332cb390033cfc8c06" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_e233a07d92d2a8b591f3b5fcd3" ON "erp_shipments" ("salesOrderId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_46d4c415cc517530a302bef76a" ON "erp_shipments" ("shipmentKey") `);
    await q.query(
      `CREATE TABLE "erp_invoices" ("id" character varying(40) NOT NULL, "salesOrderId" character varying(40) NOT NULL, "documentKey" character varying(220) NOT NULL, "kind" character varying(16) NOT NULL, "state" character varying(16) NOT NULL, "totalMinor" integer NOT NULL, "paidMinor" integer NOT NULL DEFAULT '0', "currency" character varying(3) NOT NULL, "lines" text, "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_145fb7647a726238f72ccb14b1c" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_8a192c28256afd58856e4cb533" ON "erp_invoices" ("salesOrderId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_a6bf0bbcedba66d47c9d6eaec5" ON "erp_invoices" ("documentKey") `);
    await q.query(
      `CREATE TABLE "erp_payments" ("paymentKey" character varying(200) NOT NULL, "invoiceId" character varying(40) NOT NULL, "amountMinor" integer NOT NULL, "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_c586b7fbbd3b05fd9e0375c0a8b" PRIMARY KEY ("paymentKey"))`,
    );
    await q.query(
      `CREATE TABLE "erp_receipts" ("receiptKey" character varying(200) NOT NULL, "locationId" character varying(64) NOT NULL, "lines" text NOT NULL, "createdAt" character varying(30) NOT NULL, CONSTRAINT "PK_ccdfeb0106c9a2a6a931b1047c5" PRIMARY KEY ("receiptKey"))`,
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
