import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReservationExpirySqlite1796174896706 implements MigrationInterface {
  name = 'ReservationExpirySqlite1796174896706';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "temporary_erp_reservations" ("reservationKey" varchar(200) PRIMARY KEY NOT NULL, "state" varchar(16) NOT NULL, "lines" text NOT NULL, "createdAt" varchar(30) NOT NULL, "expiresAt" varchar(30))`,
    );
    await q.query(
      `INSERT INTO "temporary_erp_reservations"("reservationKey", "state", "lines", "createdAt") SELECT "reservationKey", "state", "lines", "createdAt" FROM "erp_reservations"`,
    );
    await q.query(`DROP TABLE "erp_reservations"`);
    await q.query(`ALTER TABLE "temporary_erp_reservations" RENAME TO "erp_reservations"`);
    await q.query(`CREATE INDEX "IDX_6ac4c37f5fc1b6ac15b57268bf" ON "erp_reservations" ("expiresAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_6ac4c37f5fc1b6ac15b57268bf"`);
    await q.query(`ALTER TABLE "erp_reservations" RENAME TO "temporary_erp_reservations"`);
    await q.query(
      `CREATE TABLE "erp_reservations" ("reservationKey" varchar(200) PRIMARY KEY NOT NULL, "state" varchar(16) NOT NULL, "lines" text NOT NULL, "createdAt" varchar(30) NOT NULL)`,
    );
    await q.query(
      `INSERT INTO "erp_reservations"("reservationKey", "state", "lines", "createdAt") SELECT "reservationKey", "state", "lines", "createdAt" FROM "temporary_erp_reservations"`,
    );
    await q.query(`DROP TABLE "temporary_erp_reservations"`);
  }
}
