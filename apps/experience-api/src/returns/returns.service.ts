import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@weft/gateway';
import { DomainError, ErrorCode } from '@weft/problem';
import { CreateReturnDto, ReturnDto, ReturnReceiptDto } from '@weft/retail-model';
import { ExperienceOrdersService } from '../orders/orders.service';
import { PROCESS_CLIENT, ProcessClient } from '../orders/process.client';

/** Returns at the edge: a partner may return, and see, only returns on its own orders. */
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
    if (principal.partnerId) {
      await this.orders.get(r.orderId, principal).catch(() => {
        throw new DomainError(ErrorCode.NOT_FOUND, `No return ${id}`);
      });
    }
    return r;
  }

  async receive(id: string, body: ReturnReceiptDto, principal: Principal): Promise<ReturnDto> {
    await this.get(id, principal);
    return this.process.receiveReturn(id, body);
  }
}
