import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetterDto, OrderDto } from '@weft/retail-model';
import { OPS_CLIENT, OpsClient } from './ops.client';
import { mapDeadLetter } from './ops.dto';

@Injectable()
export class ExperienceOpsService {
  constructor(@Inject(OPS_CLIENT) private readonly process: OpsClient) {}

  async deadLetters(): Promise<DeadLetterDto[]> {
    return (await this.process.deadLetters()).map(mapDeadLetter);
  }

  async replay(id: string): Promise<DeadLetterDto> {
    return mapDeadLetter(await this.process.replayDeadLetter(id));
  }

  retryOrder(id: string): Promise<OrderDto> {
    return this.process.retryOrder(id);
  }
}
