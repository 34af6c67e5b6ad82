import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReservationExpiryPg1796174896706 implements MigrationInterface {
  name = 'ReservationExpiryPg1796174896706';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "erp_reservations" ADD "expiresAt" character varying(30)`);
    await q.query(`CREATE INDEX "IDX_6ac4c37f5fc1b6ac15b57268bf" ON "erp_reservations" ("expiresAt") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_6ac4c37f5fc1b6ac15b57268bf"`);
    await q.query(`ALTER TABLE "erp_reservations" DROP COLUMN "expiresAt"`);
  }
}
