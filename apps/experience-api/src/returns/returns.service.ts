import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { assertStore } from '@weft/gateway';
import { CreateReturnDto, PosReturnsBatchDto, PosReturnsResultDto, ReturnDto, ReturnReceiptDto } from '@weft/retail-model';
import { ExperienceOrdersService } from '../orders/orders.service';
import { PROCESS_CLIENT, ProcessClient } from '../orders/process.client';

/** Returns at the edge: a tenant may return, and see, only returns on orders it may see. */
@Injectable()
export class ExperienceReturnsService {
  constructor(
    @Inject(PROCESS_CLIENT) private readonly process: ProcessClient,
    private readonly orders: ExperienceOrdersService,
  ) {}

  async create(body: CreateReturnDto, principal: Principal): Promise<ReturnDto> {
    await this.orders.get(body.orderId, principal);
    return this.process.createReturn(body);
  }

  async get(id: string, principal: Principal): Promise<ReturnDto> {
    const r = await this.process.getReturn(id);
    await this.orders.get(r.orderId, principal).catch(() => {
      throw new DomainError(ErrorCode.NOT_FOUND, `No return ${id}`);
    });
    return r;
  }

  async receive(id: string, body: ReturnReceiptDto, principal: Principal): Promise<ReturnDto> {
    await this.get(id, principal);
    return this.process.receiveReturn(id, body);
  }

  posReturns(batch: PosReturnsBatchDto, principal: Principal): Promise<PosReturnsResultDto> {
    assertStore(principal, batch.storeId);
    return this.process.posReturns(batch);
  }
}
