import { MigrationInterface, QueryRunner } from 'typeorm';

export class LedgerCataloguePg1796175476457 implements MigrationInterface {
  name = 'LedgerCataloguePg1796175476457';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "catalogue_products" ("sku" character varying(64) NOT NULL, "name" character varying(300) NOT NULL, "listPriceMinor" integer NOT NULL, "currency" character varying(3) NOT NULL, "seenAt" character varying(30) NOT NULL, CONSTRAINT "PK_077faf1ade2fd4c1d0248dcb8c4" PRIMARY KEY ("sku"))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "catalogue_products"`);
  }
}
