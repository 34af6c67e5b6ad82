import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@weft/persistence';
import { ChannelWriteDto, InventoryDriftDto, mapChannelWrite, mapDrift } from './inventory.dto';
import { ChannelInventoryWrite, InventoryDrift } from './inventory.entities';

/** Operator views: recorded drift and the write-backs the channel port made. */
@Injectable()
export class InventoryRecordsService {
  constructor(private readonly uow: UnitOfWork) {}

  async drift(sku: string): Promise<InventoryDriftDto[]> {
    const rows = await this.uow.serialised(() => this.uow.manager.find(InventoryDrift, { where: { sku }, order: { at: 'ASC' } }));
    return rows.map(mapDrift);
  }

  async channelWrites(sku: string): Promise<ChannelWriteDto[]> {
    const rows = await this.uow.serialised(() => this.uow.manager.find(ChannelInventoryWrite, { where: { sku }, order: { at: 'ASC' } }));
    return rows.map(mapChannelWrite);
  }
}
