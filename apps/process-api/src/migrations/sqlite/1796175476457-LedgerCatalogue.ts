import { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerCatalogueSqlite1796175476457 implements MigrationInterface {
  name = 'LedgerCatalogueSqlite1796175476457';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "catalogue_products" ("sku" varchar(64) PRIMARY KEY NOT NULL, "name" varchar(300) NOT NULL, "listPriceMinor" integer NOT NULL, "currency" varchar(3) NOT NULL, "seenAt" varchar(30) NOT NULL)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "catalogue_products"`);
  }
}
