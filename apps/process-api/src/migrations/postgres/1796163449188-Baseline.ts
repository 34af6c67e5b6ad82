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
      `CREATE TABLE "orders" ("attempts" integer NOT NULL DEFAULT '0', "nextAttemptAt" character varying(30), "lastError" text, "leaseUntil" character varying(30), "leaseOwner" character varying(40), "createdAt" character varying(30) NOT NULL, "updatedAt" character varying(30) NOT NULL, "id" character varying(40) NOT NULL, "businessKey" character varying(240) NOT NULL, "channel" character varying(20) NOT NULL, "externalId" character varying(200) NOT NULL, "orderNumber" character varying(60), "state" character varying(24) NOT NULL, "document" text NOT NULL, "sourceUpdatedAt" character varying(40) NOT NULL, "financialStatus" character varying(24) NOT NULL, "paymentCaptured" boolean NOT NULL DEFAULT false, "cancelRequested" boolean NOT NULL DEFAULT false, "partnerId" character varying(100), "erpCustomerId" character varying(40), "crmContactId" character varying(40), "reservationKey" character varying(240), "erpSalesOrderId" character varying(40), "erpOrderNumber" character varying(60), "erpInvoiceId" character varying(40), "version" integer NOT NULL, CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_cfbff7edb3d6f0af36cc72f348" ON "orders" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_83e2d6accf315a72beea776cc4" ON "orders" ("partnerId") `);
    await q.query(`CREATE INDEX "IDX_b78c561bcfb208071b6c9e1903" ON "orders" ("nextAttemptAt") `);
    await q.query(
      `CREATE TABLE "order_transitions" ("id" character varying(40) NOT NULL, "orderId" character varying(40) NOT NULL, "seq" integer NOT NULL, "fromState" character varying(24), "toState" character varying(24) NOT NULL, "cause" character varying(500) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_4818025b2c3ef42046b07971605" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_e9660871e852a3b381c793d080" ON "order_transitions" ("orderId", "seq") `);
    await q.query(
      `CREATE TABLE "pending_order_facts" ("id" character varying(260) NOT NULL, "businessKey" character varying(240) NOT NULL, "kind" character varying(20) NOT NULL, "payload" text NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_517cf6e7201f99c264f6e0dca8e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_d934874f49cfd5ce98ee26c949" ON "pending_order_facts" ("businessKey") `);
    await q.query(
      `CREATE TABLE "customer_golden" ("id" character varying(40) NOT NULL, "email" character varying(254), "phone" character varying(20), "loyaltyId" character varying(100), "attributes" text NOT NULL, "mergedInto" character varying(40), "createdAt" character varying(30) NOT NULL, "updatedAt" character varying(30) NOT NULL, CONSTRAINT "PK_a5cfcf15340d8d6400bad09267f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_eba5b44ba248d295e7af87b822" ON "customer_golden" ("email") `);
    await q.query(`CREATE INDEX "IDX_47889ebd82034e42fda1217227" ON "customer_golden" ("phone") `);
    await q.query(`CREATE INDEX "IDX_469037dd04d2f48ef661153464" ON "customer_golden" ("loyaltyId") `);
    await q.query(`CREATE INDEX "IDX_eb7d2a7d86682bb1b4b161e4e5" ON "customer_golden" ("mergedInto") `);
    await q.query(
      `CREATE TABLE "customer_xref" ("system" character varying(20) NOT NULL, "systemId" character varying(200) NOT NULL, "goldenId" character varying(40) NOT NULL, "linkedAt" character varying(30) NOT NULL, CONSTRAINT "PK_f52fe7e89241fc8fb4e7bb34e0c" PRIMARY KEY ("system", "systemId"))`,
    );
    await q.query(`CREATE INDEX "IDX_30341c717b8f0c939d7bc6e155" ON "customer_xref" ("goldenId") `);
    await q.query(
      `CREATE TABLE "customer_audit" ("id" character varying(40) NOT NULL, "goldenId" character varying(40) NOT NULL, "kind" character varying(24) NOT NULL, "attribute" character varying(40), "oldValue" text, "newValue" text, "sourceSystem" character varying(20) NOT NULL, "actor" character varying(200) NOT NULL, "detail" character varying(500), "at" character varying(30) NOT NULL, CONSTRAINT "PK_aa69d52dd6d8bab6f2826a27144" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_2fa0f3e183a89046b924d68c8e" ON "customer_audit" ("goldenId", "at") `);
    await q.query(
      `CREATE TABLE "customer_propagations" ("eventId" character varying(64) NOT NULL, "target" character varying(20) NOT NULL, "goldenId" character varying(40) NOT NULL, "sourceSystem" character varying(20) NOT NULL, "targetId" character varying(200) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_5af9d0d86c64fcaeba708af43d5" PRIMARY KEY ("eventId", "target"))`,
    );
    await q.query(`CREATE INDEX "IDX_dc7c7eca9f00baf51a75192801" ON "customer_propagations" ("goldenId", "at") `);
    await q.query(
      `CREATE TABLE "inventory_stock" ("sku" character varying(64) NOT NULL, "locationId" character varying(64) NOT NULL, "onHand" integer NOT NULL, "reserved" integer NOT NULL, "erpAsOf" character varying(30) NOT NULL, "updatedAt" character varying(30) NOT NULL, CONSTRAINT "PK_935bd8a2835c45306e4873e87f3" PRIMARY KEY ("sku", "locationId"))`,
    );
    await q.query(
      `CREATE TABLE "inventory_holds" ("orderKey" character varying(240) NOT NULL, "sku" character varying(64) NOT NULL, "locationId" character varying(64) NOT NULL, "quantity" integer NOT NULL, "open" boolean NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_c55fa2a9afce01f720e8eb26558" PRIMARY KEY ("orderKey", "sku", "locationId"))`,
    );
    await q.query(`CREATE INDEX "IDX_2c4058891f99f82002cc63c576" ON "inventory_holds" ("sku", "locationId", "open") `);
    await q.query(
      `CREATE TABLE "inventory_drift" ("id" character varying(40) NOT NULL, "channel" character varying(20) NOT NULL, "sku" character varying(64) NOT NULL, "locationId" character varying(64) NOT NULL, "channelValue" integer, "erpValue" integer NOT NULL, "onHand" integer NOT NULL, "reserved" integer NOT NULL, "source" character varying(300) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_3fea02554f945c7a20e61524e4f" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_5d08563a750fdfbc659e5843f6" ON "inventory_drift" ("sku", "locationId") `);
    await q.query(
      `CREATE TABLE "channel_inventory_writes" ("id" character varying(40) NOT NULL, "channel" character varying(20) NOT NULL, "sku" character varying(64) NOT NULL, "locationId" character varying(64) NOT NULL, "channelItemId" character varying(40) NOT NULL, "channelLocationId" character varying(40) NOT NULL, "available" integer NOT NULL, "reason" character varying(200) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_307ea4c383a79823c6c784a3a18" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_27c084577812967afdbb55035b" ON "channel_inventory_writes" ("channel", "sku", "locationId") `);
    await q.query(
      `CREATE TABLE "returns" ("attempts" integer NOT NULL DEFAULT '0', "nextAttemptAt" character varying(30), "lastError" text, "leaseUntil" character varying(30), "leaseOwner" character varying(40), "createdAt" character varying(30) NOT NULL, "updatedAt" character varying(30) NOT NULL, "id" character varying(40) NOT NULL, "businessKey" character varying(240) NOT NULL, "orderId" character varying(40) NOT NULL, "channel" character varying(20) NOT NULL, "state" character varying(16) NOT NULL, "lines" text NOT NULL, "currency" character varying(3) NOT NULL, "refundTotalMinor" integer NOT NULL, "refundedByChannel" boolean NOT NULL DEFAULT false, "autoReceipt" text, "erpCreditNoteId" character varying(40), "refundId" character varying(60), CONSTRAINT "PK_27a2f1895a71519ebfec7850361" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_01cabacff719cc4e3a8f56b8a2" ON "returns" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_b3851bc6d0e2a7ddc7412806a0" ON "returns" ("orderId") `);
    await q.query(`CREATE INDEX "IDX_1f557a1e20f9e5700041d3c822" ON "returns" ("nextAttemptAt") `);
    await q.query(
      `CREATE TABLE "return_transitions" ("id" character varying(40) NOT NULL, "returnId" character varying(40) NOT NULL, "seq" integer NOT NULL, "fromState" character varying(16), "toState" character varying(16) NOT NULL, "cause" character varying(500) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_84787945288bf943e8774b242b4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_f986d3556d9b5447662942af53" ON "return_transitions" ("returnId", "seq") `);
    await q.query(
      `CREATE TABLE "payment_refunds" ("refundKey" character varying(240) NOT NULL, "refundId" character varying(60) NOT NULL, "orderKey" character varying(240) NOT NULL, "amountMinor" integer NOT NULL, "currency" character varying(3) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_afbc088172cde26c670610c05f3" PRIMARY KEY ("refundKey"))`,
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
