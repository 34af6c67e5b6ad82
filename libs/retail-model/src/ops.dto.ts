/** Operations contracts shared by the experience and process layers. */
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
