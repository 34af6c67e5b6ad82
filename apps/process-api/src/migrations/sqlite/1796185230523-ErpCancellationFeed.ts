import { MigrationInterface, QueryRunner } from 'typeorm';

export class ErpCancellationFeedSqlite1796185230523 implements MigrationInterface {
  name = 'ErpCancellationFeedSqlite1796185230523';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_aea1e18f5054f22244c8f0fcf0"`);
    await q.query(`DROP INDEX "IDX_b78c561bcfb208071b6c9e1903"`);
    await q.query(`DROP INDEX "IDX_83e2d6accf315a72beea776cc4"`);
    await q.query(`DROP INDEX "IDX_cfbff7edb3d6f0af36cc72f348"`);
    await q.query(
      `CREATE TABLE "temporary_orders" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "channel" varchar(20) NOT NULL, "externalId" varchar(200) NOT NULL, "orderNumber" varchar(60), "state" varchar(24) NOT NULL, "document" text NOT NULL, "sourceUpdatedAt" varchar(40) NOT NULL, "financialStatus" varchar(24) NOT NULL, "paymentCaptured" boolean NOT NULL DEFAULT (0), "cancelRequested" boolean NOT NULL DEFAULT (0), "partnerId" varchar(100), "erpCustomerId" varchar(40), "crmContactId" varchar(40), "reservationKey" varchar(240), "erpSalesOrderId" varchar(40), "erpOrderNumber" varchar(60), "erpInvoiceId" varchar(40), "version" integer NOT NULL, "resumeState" varchar(24), "waitingSince" varchar(30), "traceparent" varchar(60), "cancelledBy" varchar(16))`,
    );
    await q.query(
      `INSERT INTO "temporary_orders"("attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version", "resumeState", "waitingSince", "traceparent") SELECT "attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version", "resumeState", "waitingSince", "traceparent" FROM "orders"`,
    );
    await q.query(`DROP TABLE "orders"`);
    await q.query(`ALTER TABLE "temporary_orders" RENAME TO "orders"`);
    await q.query(`CREATE INDEX "IDX_aea1e18f5054f22244c8f0fcf0" ON "orders" ("createdAt", "id") `);
    await q.query(`CREATE INDEX "IDX_b78c561bcfb208071b6c9e1903" ON "orders" ("nextAttemptAt") `);
    await q.query(`CREATE INDEX "IDX_83e2d6accf315a72beea776cc4" ON "orders" ("partnerId") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_cfbff7edb3d6f0af36cc72f348" ON "orders" ("businessKey") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_cfbff7edb3d6f0af36cc72f348"`);
    await q.query(`DROP INDEX "IDX_83e2d6accf315a72beea776cc4"`);
    await q.query(`DROP INDEX "IDX_b78c561bcfb208071b6c9e1903"`);
    await q.query(`DROP INDEX "IDX_aea1e18f5054f22244c8f0fcf0"`);
    await q.query(`ALTER TABLE "orders" RENAME TO "temporary_orders"`);
    await q.query(
      `CREATE TABLE "orders" ("attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" varchar(30), "lastError" text, "leaseUntil" varchar(30), "leaseOwner" varchar(40), "createdAt" varchar(30) NOT NULL, "updatedAt" varchar(30) NOT NULL, "id" varchar(40) PRIMARY KEY NOT NULL, "businessKey" varchar(240) NOT NULL, "channel" varchar(20) NOT NULL, "externalId" varchar(200) NOT NULL, "orderNumber" varchar(60), "state" varchar(24) NOT NULL, "document" text NOT NULL, "sourceUpdatedAt" varchar(40) NOT NULL, "financialStatus" varchar(24) NOT NULL, "paymentCaptured" boolean NOT NULL DEFAULT (0), "cancelRequested" boolean NOT NULL DEFAULT (0), "partnerId" varchar(100), "erpCustomerId" varchar(40), "crmContactId" varchar(40), "reservationKey" varchar(240), "erpSalesOrderId" varchar(40), "erpOrderNumber" varchar(60), "erpInvoiceId" varchar(40), "version" integer NOT NULL, "resumeState" varchar(24), "waitingSince" varchar(30), "traceparent" varchar(60))`,
    );
    await q.query(
      `INSERT INTO "orders"("attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version", "resumeState", "waitingSince", "traceparent") SELECT "attempts", "nextAttemptAt", "lastError", "leaseUntil", "leaseOwner", "createdAt", "updatedAt", "id", "businessKey", "channel", "externalId", "orderNumber", "state", "document", "sourceUpdatedAt", "financialStatus", "paymentCaptured", "cancelRequested", "partnerId", "erpCustomerId", "crmContactId", "reservationKey", "erpSalesOrderId", "erpOrderNumber", "erpInvoiceId", "version", "resumeState", "waitingSince", "traceparent" FROM "temporary_orders"`,
    );
    await q.query(`DROP TABLE "temporary_orders"`);
    await q.query(`CREATE UNIQUE INDEX "IDX_cfbff7edb3d6f0af36cc72f348" ON "orders" ("businessKey") `);
    await q.query(`CREATE INDEX "IDX_83e2d6accf315a72beea776cc4" ON "orders" ("partnerId") `);
    await q.query(`CREATE INDEX "IDX_b78c561bcfb208071b6c9e1903" ON "orders" ("nextAttemptAt") `);
    await q.query(`CREATE INDEX "IDX_aea1e18f5054f22244c8f0fcf0" ON "orders" ("createdAt", "id") `);
  }
}
