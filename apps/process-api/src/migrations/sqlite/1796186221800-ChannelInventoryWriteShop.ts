import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelInventoryWriteShopSqlite1796186221800 implements MigrationInterface {
  name = 'ChannelInventoryWriteShopSqlite1796186221800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_27c084577812967afdbb55035b"`);
    await q.query(
      `CREATE TABLE "temporary_channel_inventory_writes" ("id" varchar(40) PRIMARY KEY NOT NULL, "channel" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "channelItemId" varchar(40) NOT NULL, "channelLocationId" varchar(40) NOT NULL, "available" integer NOT NULL, "reason" varchar(200) NOT NULL, "at" varchar(30) NOT NULL, "status" varchar(12) NOT NULL DEFAULT ('recorded'), "writeKey" varchar(40), "detail" varchar(300), "shop" varchar(255))`,
    );
    await q.query(
      `INSERT INTO "temporary_channel_inventory_writes"("id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at", "status", "writeKey", "detail") SELECT "id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at", "status", "writeKey", "detail" FROM "channel_inventory_writes"`,
    );
    await q.query(`DROP TABLE "channel_inventory_writes"`);
    await q.query(`ALTER TABLE "temporary_channel_inventory_writes" RENAME TO "channel_inventory_writes"`);
    await q.query(`CREATE INDEX "IDX_27c084577812967afdbb55035b" ON "channel_inventory_writes" ("channel", "sku", "locationId") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_27c084577812967afdbb55035b"`);
    await q.query(`ALTER TABLE "channel_inventory_writes" RENAME TO "temporary_channel_inventory_writes"`);
    await q.query(
      `CREATE TABLE "channel_inventory_writes" ("id" varchar(40) PRIMARY KEY NOT NULL, "channel" varchar(20) NOT NULL, "sku" varchar(64) NOT NULL, "locationId" varchar(64) NOT NULL, "channelItemId" varchar(40) NOT NULL, "channelLocationId" varchar(40) NOT NULL, "available" integer NOT NULL, "reason" varchar(200) NOT NULL, "at" varchar(30) NOT NULL, "status" varchar(12) NOT NULL DEFAULT ('recorded'), "writeKey" varchar(40), "detail" varchar(300))`,
    );
    await q.query(
      `INSERT INTO "channel_inventory_writes"("id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at", "status", "writeKey", "detail") SELECT "id", "channel", "sku", "locationId", "channelItemId", "channelLocationId", "available", "reason", "at", "status", "writeKey", "detail" FROM "temporary_channel_inventory_writes"`,
    );
    await q.query(`DROP TABLE "temporary_channel_inventory_writes"`);
    await q.query(`CREATE INDEX "IDX_27c084577812967afdbb55035b" ON "channel_inventory_writes" ("channel", "sku", "locationId") `);
  }
}
