import { MigrationInterface, QueryRunner } from 'typeorm';

export class BaselineSqlite1796163449188 implements MigrationInterface {
  name = 'BaselineSqlite1796163449188';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "gateway_idempotency_record" ("id" varchar(64) PRIMARY KEY NOT NULL, "fingerprint" varchar(64) NOT NULL, "state" varchar(16) NOT NULL, "lease" varchar(36) NOT NULL, "response" text, "expires_at" bigint NOT NULL)`,
    );
    await q.query(`CREATE INDEX "IDX_6801ef8298d308adc0b2279a4b" ON "gateway_idempotency_record" ("expires_at") `);
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
      `CREATE TABLE "shopify_inbox" ("id" varchar(40) PRIMARY KEY NOT NULL, "dedupeKey" varchar(300) NOT NULL, "topic" varchar(100) NOT NULL, "shopDomain" varchar(200), "webhookId" varchar(200), "eventId" varchar(200), "apiVersion" varchar(40), "triggeredAt" varchar(60), "status" varchar(16) NOT NULL, "body" text NOT NULL, "receivedAt" varchar(30) NOT NULL)`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_def521f9d0af8ac1c19071f6f3" ON "shopify_inbox" ("dedupeKey") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_def521f9d0af8ac1c19071f6f3"`);
    await q.query(`DROP TABLE "shopify_inbox"`);
    await q.query(`DROP INDEX "IDX_46c6bb3b7b2ac6842ccc4146d2"`);
    await q.query(`DROP TABLE "dead_letters"`);
    await q.query(`DROP TABLE "processed_events"`);
    await q.query(`DROP INDEX "IDX_48503bd1da18ef7261ad03d351"`);
    await q.query(`DROP TABLE "outbox"`);
    await q.query(`DROP INDEX "IDX_6801ef8298d308adc0b2279a4b"`);
    await q.query(`DROP TABLE "gateway_idempotency_record"`);
  }
}
