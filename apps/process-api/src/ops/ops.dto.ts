import type { DeadLetter } from '@weft/messaging';
import { MaxLength } from 'class-validator';

export class DeadLetterDto {
  @MaxLength(200) id: string;
  @MaxLength(200) consumer: string;
  @MaxLength(200) eventId: string;
  @MaxLength(200) type: string;
  @MaxLength(2000) error: string;
  attempts: number;
  @MaxLength(40) createdAt: string;
  @MaxLength(40) replayedAt: string | null;
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
