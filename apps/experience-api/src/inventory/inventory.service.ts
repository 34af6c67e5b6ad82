import { Inject, Injectable } from '@nestjs/common';
import { INVENTORY_CLIENT, InventoryClient } from './inventory.client';
import { InventoryDto, mapInventory } from './inventory.dto';

@Injectable()
export class ExperienceInventoryService {
  constructor(@Inject(INVENTORY_CLIENT) private readonly process: InventoryClient) {}

  async get(sku: string): Promise<InventoryDto> {
    return mapInventory(await this.process.get(sku));
  }

  async list(skus: string): Promise<InventoryDto[]> {
    return (await this.process.list(skus.split(','))).map(mapInventory);
  }
}
