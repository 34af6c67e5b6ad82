import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wave2FeaturesPg1796166182741 implements MigrationInterface {
  name = 'Wave2FeaturesPg1796166182741';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "operator_actions" ("id" character varying(40) NOT NULL, "actor" character varying(200) NOT NULL, "action" character varying(20) NOT NULL, "kind" character varying(20) NOT NULL, "targetId" character varying(64) NOT NULL, "reason" character varying(500), "outcome" character varying(500) NOT NULL, "at" character varying(30) NOT NULL, CONSTRAINT "PK_0c491b241eaeae5f0f7af4bfdd4" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_2dd06efba4e465554af8696ec5" ON "operator_actions" ("at") `);
    await q.query(`CREATE INDEX "IDX_d1e6f21b47c87d1d938885fa6a" ON "operator_actions" ("targetId") `);
    await q.query(
      `CREATE TABLE "shopify_catch_up" ("shop" character varying(100) NOT NULL, "watermark" character varying(30) NOT NULL, "lastRunAt" character varying(30) NOT NULL, "lastSeen" integer NOT NULL DEFAULT '0', "lastFed" integer NOT NULL DEFAULT '0', "lastError" character varying(300), CONSTRAINT "PK_462bd5a70e1c39156d013dc566a" PRIMARY KEY ("shop"))`,
    );
    await q.query(
      `CREATE TABLE "reconciliation_runs" ("id" character varying(40) NOT NULL, "state" character varying(16) NOT NULL, "fromAt" character varying(30) NOT NULL, "toAt" character varying(30) NOT NULL, "trigger" character varying(16) NOT NULL, "scheduleKey" character varying(40), "requestedBy" character varying(200) NOT NULL, "phase" character varying(10) NOT NULL, "cursorAt" character varying(30), "cursorId" character varying(40), "ordersTotal" integer NOT NULL DEFAULT '0', "ordersChecked" integer NOT NULL DEFAULT '0', "returnsTotal" integer NOT NULL DEFAULT '0', "returnsChecked" integer NOT NULL DEFAULT '0', "varianceCount" integer NOT NULL DEFAULT '0', "error" text, "leaseUntil" character varying(30), "leaseOwner" character varying(40), "startedAt" character varying(30) NOT NULL, "finishedAt" character varying(30), CONSTRAINT "PK_4edbdb165c9e754997036a4176a" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_135f4ef522c9aa694a704eed9e" ON "reconciliation_runs" ("scheduleKey") `);
    await q.query(
      `CREATE TABLE "reconciliation_variances" ("id" character varying(40) NOT NULL, "runId" character varying(40) NOT NULL, "type" character varying(24) NOT NULL, "state" character varying(10) NOT NULL, "subject" character varying(10) NOT NULL, "subjectKey" character varying(240) NOT NULL, "channel" character varying(20) NOT NULL, "shop" character varying(255), "currency" character varying(3) NOT NULL, "weftAmountMinor" integer NOT NULL, "erpAmountMinor" integer NOT NULL, "differenceMinor" integer NOT NULL, "weftDocuments" text NOT NULL, "erpDocuments" text NOT NULL, "detail" character varying(500) NOT NULL, "occurredAt" character varying(30) NOT NULL, "createdAt" character varying(30) NOT NULL, "resolvedBy" character varying(200), "resolutionNote" text, "resolvedAt" character varying(30), CONSTRAINT "PK_922391179e3159a4ed49c97a5eb" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_d58f8f040602e88a36f633cf81" ON "reconciliation_variances" ("runId") `);
    await q.query(`CREATE INDEX "IDX_3f901755bfb3de78af30f6ea3f" ON "reconciliation_variances" ("state", "type") `);
    await q.query(`CREATE UNIQUE INDEX "IDX_8f0d38e50a8938d8680f74678e" ON "reconciliation_variances" ("runId", "subjectKey", "type") `);
    await q.query(
      `CREATE TABLE "reconciliation_audit" ("id" character varying(40) NOT NULL, "varianceId" character varying(40) NOT NULL, "action" character varying(20) NOT NULL, "actor" character varying(200) NOT NULL, "note" text, "at" character varying(30) NOT NULL, CONSTRAINT "PK_c4e00fb12d69bf663f143a9330e" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_5072a509baca9c406ebc0c989d" ON "reconciliation_audit" ("varianceId", "at") `);
    await q.query(`ALTER TABLE "outbox" ADD "deadLetteredAt" character varying(30)`);
    await q.query(`ALTER TABLE "dead_letters" ADD "discardedAt" character varying(30)`);
    await q.query(`ALTER TABLE "orders" ADD "resumeState" character varying(24)`);
    await q.query(`ALTER TABLE "orders" ADD "waitingSince" character varying(30)`);
    await q.query(`ALTER TABLE "channel_inventory_writes" ADD "status" character varying(12) NOT NULL DEFAULT 'recorded'`);
    await q.query(`ALTER TABLE "channel_inventory_writes" ADD "writeKey" character varying(40)`);
    await q.query(`ALTER TABLE "channel_inventory_writes" ADD "detail" character varying(300)`);
    await q.query(`ALTER TABLE "returns" ADD "resumeState" character varying(24)`);
    await q.query(`ALTER TABLE "returns" ADD "waitingSince" character varying(30)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "returns" DROP COLUMN "waitingSince"`);
    await q.query(`ALTER TABLE "returns" DROP COLUMN "resumeState"`);
    await q.query(`ALTER TABLE "channel_inventory_writes" DROP COLUMN "detail"`);
    await q.query(`ALTER TABLE "channel_inventory_writes" DROP COLUMN "writeKey"`);
    await q.query(`ALTER TABLE "channel_inventory_writes" DROP COLUMN "status"`);
    await q.query(`ALTER TABLE "orders" DROP COLUMN "waitingSince"`);
    await q.query(`ALTER TABLE "orders" DROP COLUMN "resumeState"`);
    await q.query(`ALTER TABLE "dead_letters" DROP COLUMN "discardedAt"`);
    await q.query(`ALTER TABLE "outbox" DROP COLUMN "deadLetteredAt"`);
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
