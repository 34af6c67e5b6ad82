import { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelInventoryWriteShopPg1796186221800 implements MigrationInterface {
  name = 'ChannelInventoryWriteShopPg1796186221800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "channel_inventory_writes" ADD "shop" character varying(255)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "channel_inventory_writes" DROP COLUMN "shop"`);
  }
}
