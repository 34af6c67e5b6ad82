import type { DeadLetterDto } from '@weft/retail-model';

export { DeadLetterDto, OrderDto } from '@weft/retail-model';

/** Only the documented members go out, whatever process-api adds later. */
export function mapDeadLetter(d: DeadLetterDto): DeadLetterDto {
  return {
    id: d.id,
    consumer: d.consumer,
    eventId: d.eventId,
    type: d.type,
    error: d.error,
    attempts: d.attempts,
    createdAt: d.createdAt,
    replayedAt: d.replayedAt,
  };
}
