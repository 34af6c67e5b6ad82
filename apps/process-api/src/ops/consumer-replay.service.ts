import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConsumerReplayRegistry, EVENT_BUS, EventBus } from '@weft/messaging';
import { DomainError, ErrorCode } from '@weft/problem';
import { ConsumerReplayDto, ConsumerReplayRequestDto } from '@weft/retail-model';
import { ExceptionsService } from './exceptions.service';

/**
 * An operator re-runs a downstream consumer from a point in time (JetStream DeliverPolicy.ByStartTime).
 * The replay bypasses the consumer's processed-event check and re-applies through its idempotent side
 * effect (see ReplayableConsumer). The in-process bus keeps no events, so there it is a 409.
 */
@Injectable()
export class ConsumerReplayService {
  private readonly logger = new Logger(ConsumerReplayService.name);

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly registry: ConsumerReplayRegistry,
    private readonly exceptions: ExceptionsService,
  ) {}

  async replay(name: string, body: ConsumerReplayRequestDto, actor: string): Promise<ConsumerReplayDto> {
    const consumer = this.registry.get(name);
    if (!consumer)
      throw new DomainError(ErrorCode.NOT_FOUND, `No replayable consumer ${name} (known: ${this.registry.names().join(', ')})`);
    const from = new Date(body.from);
    if (from.getTime() > Date.now()) throw new DomainError(ErrorCode.VALIDATION, `from (${body.from}) is in the future`);
    if (!this.bus.replayFrom) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        'Replaying a consumer from a point in time needs the JetStream event bus (NATS_URL): the in-process bus keeps no events',
      );
    }
    const run = await this.bus.replayFrom(consumer, from);
    const reason = body.reason ?? null;
    await this.exceptions.audit(actor, 'replay', 'consumer', name, reason, `started: ${run.pending} event(s) from ${from.toISOString()}`);
    void run.done
      .then((o) => this.exceptions.audit(actor, 'replay-done', 'consumer', name, reason, `${o.delivered} re-applied, ${o.failed} failed`))
      .catch((e: Error) => this.logger.error(`replay ${run.replayId} of ${name} did not finish: ${e.message}`));
    return { replayId: run.replayId, consumer: name, from: from.toISOString(), pending: run.pending, startedAt: new Date().toISOString() };
  }
}
