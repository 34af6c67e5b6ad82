import type { DeadLetter } from '@weft/messaging';
import { DeadLetterDto } from '@weft/retail-model';

export { DeadLetterDto } from '@weft/retail-model';

export function mapDeadLetter(d: DeadLetter): DeadLetterDto {
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
