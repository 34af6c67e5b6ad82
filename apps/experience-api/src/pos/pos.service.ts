import { Inject, Injectable } from '@nestjs/common';
import { assertStore, Principal } from '@weft/gateway';
import { PosSalesBatchDto, PosSalesResultDto } from '@weft/retail-model';
import { PROCESS_CLIENT, ProcessClient } from '../orders/process.client';

/** POS at the edge: a register's token acts only for the store its store_id claim names. */
@Injectable()
export class ExperiencePosService {
  constructor(@Inject(PROCESS_CLIENT) private readonly process: ProcessClient) {}

  sales(batch: PosSalesBatchDto, principal: Principal): Promise<PosSalesResultDto> {
    assertStore(principal, batch.storeId);
    return this.process.posSales(batch);
  }
}
