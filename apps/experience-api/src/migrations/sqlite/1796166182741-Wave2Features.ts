import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wave2FeaturesSqlite1796166182741 implements MigrationInterface {
  name = 'Wave2FeaturesSqlite1796166182741';

  async up(q: QueryRunner): Promise<void> {
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
  }

  async down(q: QueryRunner): Promise<void> {
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
  }
}
