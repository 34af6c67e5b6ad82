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
      `CREATE TABLE "orders" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "channel" varchar(20) NOT NULL, "externalId" varchar(200) NOT NULL, "orderNumber" varchar(60), "state" varchar(24) NOT NULL, "document" text NOT NULL, "sourceUpdatedAt" varchar(40) NOT NULL, "financialStatus" varchar(24) NOT NULL, "paymentCaptured" boolean NOT NULL DEFAULT (0), "cancelRequested" boolean NOT NULL DEFAULT (0), "partnerId" varchar(100), "erpCustomerId" varchar(40), "crmContactId" varchar(40), "reservationKey" varchar(240), "erpSalesOrderId" varchar(40), "erpOrderNumber" varchar(60), "erpInvoiceId" varchar(40), "version" integer NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_cfbff7edb3d6f0af36cc72f348" ON "orders" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_83e2d6accf315a72beea776cc4" ON "orders" ("partnerId") `);
    await q.query(`CREATE INDEX "IDX_b78c561bcfb208071b6c9e1903" ON "orders" ("nextAttemptAt") `);
    await q.query(
      `CREATE TABLE "order_transitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "orderId" varchar(40) NOT NULL, "seq" integer NOT NULL, "fromState" varchar(24), "toState" varchar(24) NOT NULL, "cause" varchar(500) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_e9660871e852a3b381c793d080" ON "order_transitions" ("orderId", "seq") `);
    await q.query(
      `CREATE TABLE "pending_order_facts" ("id" varchar(260) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "kind" varchar(20) NOT NULL, "payload" text NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_d934874f49cfd5ce98ee26c949" ON "pending_order_facts" ("businessKey") `);
    await q.query(
      `CREATE TABLE "customer_golden" ("id" varchar(40) PRIMARY KEY NOT NULL, "email" varchar(254), "phone" varchar(20), "loyaltyId" varchar(100), "attributes" text NOT NULL, "mergedInto" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_eba5b44ba248d295e7af87b822" ON "customer_golden" ("email") `);
    await q.query(`CREATE INDEX "IDX_47889ebd82034e42fda1217227" ON "customer_golden" ("phone") `);
    await q.query(`CREATE INDEX "IDX_469037dd04d2f48ef661153464" ON "customer_golden" ("loyaltyId") `);
    await q.query(`CREATE INDEX "IDX_eb7d2a7d86682bb1b4b161e4e5" ON "customer_golden" ("mergedInto") `);
    await q.query(
      `CREATE TABLE "customer_xref" ("system" varchar(20) NOT NULL, "systemId" varchar(200) NOT NULL, "goldenId" varchar(40) NOT NULL, "linkedAt" varchar(30) NOT NULL, PRIMARY KEY ("system", "systemId"))`,
    );
    await q.query(`CREATE INDEX "IDX_30341c717b8f0c939d7bc6e155" ON "customer_xref" ("goldenId") `);
    await q.query(
      `CREATE TABLE "customer_audit" ("id" varchar(40) PRIMARY KEY NOT NULL, "goldenId" varchar(40) NOT NULL, "kind" varchar(24) NOT NULL, "attribute" varchar(40), "oldValue" text, "newValue" text, "sourceSystem" varchar(20) NOT NULL, "actor" varchar(200) NOT NULL, "detail" varchar(500), "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_2fa0f3e183a89046b924d68c8e" ON "customer_audit" ("goldenId", "at") `);
    await q.query(
      `CREATE TABLE "customer_propagations" ("eventId" varchar(64) NOT NULL, "target" varchar(20) NOT NULL, "goldenId" varchar(40) NOT NULL, "sourceSystem" varchar(20) NOT NULL, "targetId" varchar(200) NOT NULL, "at" varchar(30) NOT NULL, PRIMARY KEY ("eventId", "target"))`,
    );
    await q.query(`CREATE INDEX "IDX_dc7c7eca9f00baf51a75192801" ON "customer_propagations" ("goldenId", "at") `);
    await q.query(
      `CREATE TABLE "inventory_stock" ("sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "onHand" integer NOT NULL, "reserved" integer NOT NULL, "erpAsOf" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, PRIMARY KEY ("sku", "locationId"))`,
    );
    await q.query(
      `CREATE TABLE "inventory_holds" ("orderKey" varchar(240) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "quantity" integer NOT NULL, "open" boolean NOT NULL, "at" varchar(30) NOT NULL, PRIMARY KEY ("orderKey", "sku", "locationId"))`,
    );
    await q.query(`CREATE INDEX "IDX_2c4058891f99f82002cc63c576" ON "inventory_holds" ("sku", "locationId", "open") `);
    await q.query(
      `CREATE TABLE "inventory_drift" ("id" varchar(40) PRIMARY KEY NOT NULL, "channel" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "channelValue" integer, "erpValue" integer NOT NULL, "onHand" integer NOT NULL, "reserved" integer NOT NULL, "source" varchar(300) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_5d08563a750fdfbc659e5843f6" ON "inventory_drift" ("sku", "locationId") `);
    await q.query(
      `CREATE TABLE "channel_inventory_writes" ("id" varchar(40) PRIMARY KEY NOT NULL, "channel" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "channelItemId" varchar(40) NOT NULL, "channelLocationId" varchar(40) NOT NULL, "available" integer NOT NULL, "reason" varchar(200) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_27c084577812967afdbb55035b" ON "channel_inventory_writes" ("channel", "sku", "locationId") `);
    await q.query(
      `CREATE TABLE "returns" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "orderId" varchar(40) NOT NULL, "channel" varchar(20) NOT NULL, "state" varchar(16) NOT NULL, "lines" text NOT NULL, "currency" varchar(3) NOT NULL, "refundTotalMinor" integer NOT NULL, "refundedByChannel" boolean NOT NULL DEFAULT (0), "autoReceipt" text, "erpCreditNoteId" varchar(40), "refundId" varchar(60))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_01cabacff719cc4e3a8f56b8a2" ON "returns" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_b3851bc6d0e2a7ddc7412806a0" ON "returns" ("orderId") `);
    await q.query(`CREATE INDEX "IDX_1f557a1e20f9e5700041d3c822" ON "returns" ("nextAttemptAt") `);
    await q.query(
      `CREATE TABLE "return_transitions" ("id" varchar(40) PRIMARY KEY NOT NULL, "returnId" varchar(40) NOT NULL, "seq" integer NOT NULL, "fromState" varchar(16), "toState" varchar(16) NOT NULL, "cause" varchar(500) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_f986d3556d9b5447662942af53" ON "return_transitions" ("returnId", "seq") `);
    await q.query(
      `CREATE TABLE "payment_refunds" ("refundKey" varchar(240) PRIMARY KEY NOT NULL, "refundId" varchar(60) NOT NULL, "orderKey" varchar(240) NOT NULL, "amountMinor" integer NOT NULL, "currency" varchar(3) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "payment_refunds"`);
    await q.query(`DROP INDEX "IDX_f986d3556d9b5447662942af53"`);
    await q.query(`DROP TABLE "return_transitions"`);
    await q.query(`DROP INDEX "IDX_1f557a1e20f9e5700041d3c822"`);
    await q.query(`DROP INDEX "IDX_b3851bc6d0e2a7ddc7412806a0"`);
    await q.query(`DROP INDEX "IDX_01cabacff719cc4e3a8f56b8a2"`);
    await q.query(`DROP TABLE "returns"`);
    await q.query(`DROP INDEX "IDX_27c084577812967afdbb55035b"`);
    await q.query(`DROP TABLE "channel_inventory_writes"`);
    await q.query(`DROP INDEX "IDX_5d08563a750fdfbc659e5843f6"`);
    await q.query(`DROP TABLE "inventory_drift"`);
    await q.query(`DROP INDEX "IDX_2c4058891f99f82002cc63c576"`);
    await q.query(`DROP TABLE "inventory_holds"`);
    await q.query(`DROP TABLE "inventory_stock"`);
    await q.query(`DROP INDEX "IDX_dc7c7eca9f00baf51a75192801"`);
    await q.query(`DROP TABLE "customer_propagations"`);
    await q.query(`DROP INDEX "IDX_2fa0f3e183a89046b924d68c8e"`);
    await q.query(`DROP TABLE "customer_audit"`);
    await q.query(`DROP INDEX "IDX_30341c717b8f0c939d7bc6e155"`);
    await q.query(`DROP TABLE "customer_xref"`);
    await q.query(`DROP INDEX "IDX_eb7d2a7d86682bb1b4b161e4e5"`);
    await q.query(`DROP INDEX "IDX_469037dd04d2f48ef661153464"`);
    await q.query(`DROP INDEX "IDX_47889ebd82034e42fda1217227"`);
    await q.query(`DROP INDEX "IDX_eba5b44ba248d295e7af87b822"`);
    await q.query(`DROP TABLE "customer_golden"`);
    await q.query(`DROP INDEX "IDX_d934874f49cfd5ce98ee26c949"`);
    await q.query(`DROP TABLE "pending_order_facts"`);
    await q.query(`DROP INDEX "IDX_e9660871e852a3b381c793d080"`);
    await q.query(`DROP TABLE "order_transitions"`);
    await q.query(`DROP INDEX "IDX_b78c561bcfb208071b6c9e1903"`);
    await q.query(`DROP INDEX "IDX_83e2d6accf315a72beea776cc4"`);
    await q.query(`DROP INDEX "IDX_cfbff7edb3d6f0af36cc72f348"`);
    await q.query(`DROP TABLE "orders"`);
    await q.query(`DROP INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2"`);
    await q.query(`DROP TABLE "dead_letters"`);
    await q.query(`DROP TABLE "processed_events"`);
    await q.query(`DROP INDEX "IDX_48503bd1da18ef7261ad03d351"`);
    await q.query(`DROP TABLE "outbox"`);
  }
}
