import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wave2FeaturesSqlite1796166182741 implements MigrationInterface {
  name = 'Wave2FeaturesSqlite1796166182741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "operator_actions" ("id" varchar(40) PRIMARY KEY NOT NULL, "actor" varchar(200) NOT NULL, "action" varchar(20) NOT NULL, "kind" varchar(20) NOT NULL, "targetId" varchar(64) NOT NULL, "reason" varchar(500), "outcome" varchar(500) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_2dd06efba4e465554af8696ec5" ON "operator_actions" ("at") `);
    await q.query(`CREATE INDEX "IDX_d1e6f21b47c87d1d938885fa6a" ON "operator_actions" ("targetId") `);
    await q.query(
      `CREATE TABLE "shopify_catch_up" ("shop" varchar(100) PRIMARY KEY NOT NULL, "watermark" varchar(30) NOT NULL, "lastRunAt" varchar(30) NOT NULL, "lastSeen" integer NOT NULL DEFAULT (0), "lastFed" integer NOT NULL DEFAULT (0), "lastError" varchar(300))`,
    );
    await q.query(
      `CREATE TABLE "reconciliation_runs" ("id" varchar(40) PRIMARY KEY NOT NULL, "state" varchar(16) NOT NULL, "fromAt" varchar(30) NOT NULL, "toAt" varchar(30) NOT NULL, "trigger" varchar(16) NOT NULL, "scheduleKey" varchar(40), "requestedBy" varchar(200) NOT NULL, "phase" varchar(10) NOT NULL, "cursorAt" varchar(30), "cursorId" varchar(40), "ordersTotal" integer NOT NULL DEFAULT (0), "ordersChecked" integer NOT NULL DEFAULT (0), "returnsTotal" integer NOT NULL DEFAULT (0), "returnsChecked" integer NOT NULL DEFAULT (0), "varianceCount" integer NOT NULL DEFAULT (0), "error" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "startedAt" varchar(30) NOT NULL, "finishedAt" varchar(30))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_135f4ef522c9aa694a704eed9e" ON "reconciliation_runs" ("scheduleKey") `);
    await q.query(
      `CREATE TABLE "reconciliation_variances" ("id" varchar(40) PRIMARY KEY NOT NULL, "runId" varchar(40) NOT NULL, "type" varchar(24) NOT NULL, "state" varchar(10) NOT NULL, "subject" varchar(10) NOT NULL, "subjectKey" varchar(240) NOT NULL, "channel" varchar(20) NOT NULL, "shop" varchar(255), "currency" varchar(3) NOT NULL, "weftAmountMinor" integer NOT NULL, "erpAmountMinor" integer NOT NULL, "differenceMinor" integer NOT NULL, "weftDocuments" text NOT NULL, "erpDocuments" text NOT NULL, "detail" varchar(500) NOT NULL, "occurredAt" varchar(30) NOT NULL, "createdAt" varchar(30) NOT NULL, "resolvedBy" varchar(200), "resolutionNote" text, "resolvedAt" varchar(30))`,
    );
    await q.query(`CREATE INDEX "IDX_d58f8f040602e88a36f633cf81" ON "reconciliation_variances" ("runId") `);
    await q.query(`CREATE INDEX "IDX_3f901755bfb3de78af30f6ea3f" ON "reconciliation_variances" ("state", "type") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_8f0d38e50a8938d8680f74678e" ON "reconciliation_variances" ("runId", "subjectKey", "type") `);
    await q.query(
      `CREATE TABLE "reconciliation_audit" ("id" varchar(40) PRIMARY KEY NOT NULL, "varianceId" varchar(40) NOT NULL, "action" varchar(20) NOT NULL, "actor" varchar(200) NOT NULL, "note" text, "at" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_5072a509baca9c406ebc0c989d" ON "reconciliation_audit" ("varianceId", "at") `);
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
    await q.query(`DROP INDEX "IDX_b78c561bcfb208071b6c9e1903"`);
    await q.query(`DROP INDEX "IDX_83e2d6accf315a72beea776cc4"`);
    await q.query(`DROP INDEX "IDX_cfbff7edb3d6f0af36cc72f348"`);
    await q.query(
      `CREATE TABLE "temporary_orders" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "channel" varchar(20) NOT NULL, "externalId" varchar(200) NOT NULL, "orderNumber" varchar(60), "state" varchar(24) NOT NULL, "document" text NOT NULL, "sourceUpdatedAt" varchar(40) NOT NULL, "financialStatus" varchar(24) NOT NULL, "paymentCaptured" boolean NOT NULL DEFAULT (0), "cancelRequested" boolean NOT NULL DEFAULT (0), "partnerId" varchar(100), "erpCustomerId" varchar(40), "crmContactId" varchar(40), "reservationKey" varchar(240), "erpSalesOrderId" varchar(40), "erpOrderNumber" varchar(60), "erpInvoiceId" varchar(40), "version" integer NOT NULL, "resumeState" varchar(24), "waitingSince" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "temporary_orders"("attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version") SELECT "attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version" FROM "orders"`,
    );
    await q.query(`DROP TABLE "orders"`);
    await q.query(`ALTER TABLE "temporary_orders" RENAME TO "orders"`);
    await q.query(`CREATE INDEX "IDX_b78c561bcfb208071b6c9e1903" ON "orders" ("nextAttemptAt") `);
    await q.query(`CREATE INDEX "IDX_83e2d6accf315a72beea776cc4" ON "orders" ("partnerId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_cfbff7edb3d6f0af36cc72f348" ON "orders" ("businessKey") `);
    await q.query(`DROP INDEX "IDX_27c084577812967afdbb55035b"`);
    await q.query(
      `CREATE TABLE "temporary_channel_inventory_writes" ("id" varchar(40) PRIMARY KEY NOT NULL, "channel" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "channelItemId" varchar(40) NOT NULL, "channelLocationId" varchar(40) NOT NULL, "available" integer NOT NULL, "reason" varchar(200) NOT NULL, "at" varchar(30) NOT NULL, "status" varchar(12) NOT NULL DEFAULT ('recorded'), "writeKey" varchar(40), "detail" varchar(300))`,
    );
    await q.query(
      `INSERT INTO "temporary_channel_inventory_writes"("id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at") SELECT "id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at" FROM "channel_inventory_writes"`,
    );
    await q.query(`DROP TABLE "channel_inventory_writes"`);
    await q.query(`ALTER TABLE "temporary_channel_inventory_writes" RENAME TO "channel_inventory_writes"`);
    await q.query(`CREATE INDEX "IDX_27c084577812967afdbb55035b" ON "channel_inventory_writes" ("channel", "sku", "locationId") `);
    await q.query(`DROP INDEX "IDX_1f557a1e20f9e5700041d3c822"`);
    await q.query(`DROP INDEX "IDX_b3851bc6d0e2a7ddc7412806a0"`);
    await q.query(`DROP INDEX "IDX_01cabacff719cc4e3a8f56b8a2"`);
    await q.query(
      `CREATE TABLE "temporary_returns" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "orderId" varchar(40) NOT NULL, "channel" varchar(20) NOT NULL, "state" varchar(16) NOT NULL, "lines" text NOT NULL, "currency" varchar(3) NOT NULL, "refundTotalMinor" integer NOT NULL, "refundedByChannel" boolean NOT NULL DEFAULT (0), "autoReceipt" text, "erpCreditNoteId" varchar(40), "refundId" varchar(60), "resumeState" varchar(24), "waitingSince" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "temporary_returns"("attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "orderId", "channel", "state", "lines", "currency", "refundTotalMinor", "refundedByChannel", "autoReceipt", "erpCreditNoteId", "refundId") SELECT "attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "orderId", "channel", "state", "lines", "currency", "refundTotalMinor", "refundedByChannel", "autoReceipt", "erpCreditNoteId", "refundId" FROM "returns"`,
    );
    await q.query(`DROP TABLE "returns"`);
    await q.query(`ALTER TABLE "temporary_returns" RENAME TO "returns"`);
    await q.query(`CREATE INDEX "IDX_1f557a1e20f9e5700041d3c822" ON "returns" ("nextAttemptAt") `);
    await q.query(`CREATE INDEX "IDX_b3851bc6d0e2a7ddc7412806a0" ON "returns" ("orderId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_01cabacff719cc4e3a8f56b8a2" ON "returns" ("businessKey") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_01cabacff719cc4e3a8f56b8a2"`);
    await q.query(`DROP INDEX "IDX_b3851bc6d0e2a7ddc7412806a0"`);
    await q.query(`DROP INDEX "IDX_1f557a1e20f9e5700041d3c822"`);
    await q.query(`ALTER TABLE "returns" RENAME TO "temporary_returns"`);
    await q.query(
      `CREATE TABLE "returns" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "orderId" varchar(40) NOT NULL, "channel" varchar(20) NOT NULL, "state" varchar(16) NOT NULL, "lines" text NOT NULL, "currency" varchar(3) NOT NULL, "refundTotalMinor" integer NOT NULL, "refundedByChannel" boolean NOT NULL DEFAULT (0), "autoReceipt" text, "erpCreditNoteId" varchar(40), "refundId" varchar(60))`,
    );
    await q.query(
      `INSERT INTO "returns"("attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "orderId", "channel", "state", "lines", "currency", "refundTotalMinor", "refundedByChannel", "autoReceipt", "erpCreditNoteId", "refundId") SELECT "attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "orderId", "channel", "state", "lines", "currency", "refundTotalMinor", "refundedByChannel", "autoReceipt", "erpCreditNoteId", "refundId" FROM "temporary_returns"`,
    );
    await q.query(`DROP TABLE "temporary_returns"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_01cabacff719cc4e3a8f56b8a2" ON "returns" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_b3851bc6d0e2a7ddc7412806a0" ON "returns" ("orderId") `);
    await q.query(`CREATE INDEX "IDX_1f557a1e20f9e5700041d3c822" ON "returns" ("nextAttemptAt") `);
    await q.query(`DROP INDEX "IDX_27c084577812967afdbb55035b"`);
    await q.query(`ALTER TABLE "channel_inventory_writes" RENAME TO "temporary_channel_inventory_writes"`);
    await q.query(
      `CREATE TABLE "channel_inventory_writes" ("id" varchar(40) PRIMARY KEY NOT NULL, "channel" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "channelItemId" varchar(40) NOT NULL, "channelLocationId" varchar(40) NOT NULL, "available" integer NOT NULL, "reason" varchar(200) NOT NULL, "at" varchar(30) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "channel_inventory_writes"("id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at") SELECT "id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at" FROM "temporary_channel_inventory_writes"`,
    );
    await q.query(`DROP TABLE "temporary_channel_inventory_writes"`);
    await q.query(`CREATE INDEX "IDX_27c084577812967afdbb55035b" ON "channel_inventory_writes" ("channel", "sku", "locationId") `);
    await q.query(`DROP INDEX "IDX_cfbff7edb3d6f0af36cc72f348"`);
    await q.query(`DROP INDEX "IDX_83e2d6accf315a72beea776cc4"`);
    await q.query(`DROP INDEX "IDX_b78c561bcfb208071b6c9e1903"`);
    await q.query(`ALTER TABLE "orders" RENAME TO "temporary_orders"`);
    await q.query(
      `CREATE TABLE "orders" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "channel" varchar(20) NOT NULL, "externalId" varchar(200) NOT NULL, "orderNumber" varchar(60), "state" varchar(24) NOT NULL, "document" text NOT NULL, "sourceUpdatedAt" varchar(40) NOT NULL, "financialStatus" varchar(24) NOT NULL, "paymentCaptured" boolean NOT NULL DEFAULT (0), "cancelRequested" boolean NOT NULL DEFAULT (0), "partnerId" varchar(100), "erpCustomerId" varchar(40), "crmContactId" varchar(40), "reservationKey" varchar(240), "erpSalesOrderId" varchar(40), "erpOrderNumber" varchar(60), "erpInvoiceId" varchar(40), "version" integer NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "orders"("attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version") SELECT "attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version" FROM "temporary_orders"`,
    );
    await q.query(`DROP TABLE "temporary_orders"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_cfbff7edb3d6f0af36cc72f348" ON "orders" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_83e2d6accf315a72beea776cc4" ON "orders" ("partnerId") `);
    await q.query(`CREATE INDEX "IDX_b78c561bcfb208071b6c9e1903" ON "orders" ("nextAttemptAt") `);
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
    await q.query(`DROP INDEX "IDX_5072a509baca9c406ebc0c989d"`);
    await q.query(`DROP TABLE "reconciliation_audit"`);
    await q.query(`DROP INDEX "IDX_8f0d38e50a8938d8680f74678e"`);
    await q.query(`DROP INDEX "IDX_3f901755bfb3de78af30f6ea3f"`);
    await q.query(`DROP INDEX "IDX_d58f8f040602e88a36f633cf81"`);
    await q.query(`DROP TABLE "reconciliation_variances"`);
    await q.query(`DROP INDEX "IDX_135f4ef522c9aa694a704eed9e"`);
    await q.query(`DROP TABLE "reconciliation_runs"`);
    await q.query(`DROP TABLE "shopify_catch_up"`);
    await q.query(`DROP INDEX "IDX_d1e6f21b47c87d1d938885fa6a"`);
    await q.query(`DROP INDEX "IDX_2dd06efba4e465554af8696ec5"`);
    await q.query(`DROP TABLE "operator_actions"`);
  }
}
