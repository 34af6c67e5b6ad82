import { IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';

/** Re-run a consumer over the events recorded from a point in time. */
export class ConsumerReplayRequestDto {
  /** ISO 8601 timestamp: events recorded at or after it are delivered again (the stream keeps 7 days). */
  @IsISO8601({ strict: true }) @MaxLength(40) from: string;
  /** Why, for the audit log. */
  @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** A replay that has started; it runs in the background and its effects are idempotent. */
export class ConsumerReplayDto {
  /** The replay's own JetStream consumer. */
  @MaxLength(120) replayId: string;
  @MaxLength(64) consumer: string;
  @MaxLength(40) from: string;
  /** Events it will deliver again (those in the stream from `from` when it started). */
  pending: number;
  @MaxLength(40) startedAt: string;
}
