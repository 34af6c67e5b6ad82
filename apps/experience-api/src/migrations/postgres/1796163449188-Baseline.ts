import { MigrationInterface, QueryRunner } from 'typeorm';

export class BaselinePg1796163449188 implements MigrationInterface {
  name = 'BaselinePg1796163449188';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "gateway_idempotency_record" ("id" character varying(64) NOT NULL, "fingerprint" character varying(64) NOT NULL, "state" character varying(16) NOT NULL, "lease" character varying(36) NOT NULL, "response" text, "expires_at" bigint NOT NULL, CONSTRAINT "PK_afae3f9d771bb03ec2b4d86f326" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_6801ef8298d308adc0b2279a4b" ON "gateway_idempotency_record" ("expires_at") `);
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
      `CREATE TABLE "shopify_inbox" ("id" character varying(40) NOT NULL, "dedupeKey" character varying(300) NOT NULL, "topic" character varying(100) NOT NULL, "shopDomain" character varying(200), "webhookId" character varying(200), "eventId" character varying(200), "apiVersion" character varying(40), "triggeredAt" character varying(60), "status" character varying(16) NOT NULL, "body" text NOT NULL, "receivedAt" character varying(30) NOT NULL, CONSTRAINT "PK_7a7f6dd43a6d4a845603a1c0661" PRIMARY KEY ("id"))`,
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
