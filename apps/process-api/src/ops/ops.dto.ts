import type { DeadLetter } from '@weft/messaging';

export class DeadLetterDto {
  id: string;
  consumer: string;
  eventId: string;
  type: string;
  error: string;
  attempts: number;
  createdAt: string;
  replayedAt: string | null;
}

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
