import { MaxLength } from 'class-validator';

/** Operations contracts shared by the experience and process layers. */
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
