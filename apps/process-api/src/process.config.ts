import { IsInt, Max, Min } from 'class-validator';
import { WeftConfig } from '@weft/config';

export class ProcessConfig extends WeftConfig {
  /** Attempts of a workflow step before the order moves to FAILED with the reason. */
  @IsInt() @Min(1) @Max(50)
  WORKFLOW_MAX_ATTEMPTS: number = 6;

  /** First retry delay; doubles per attempt. */
  @IsInt() @Min(10) @Max(600000)
  WORKFLOW_RETRY_BASE_MS: number = 500;

  @IsInt() @Min(1) @Max(256)
  WORKFLOW_CONCURRENCY: number = 8;

  @IsInt() @Min(5) @Max(60000)
  WORKFLOW_POLL_MS: number = 200;

  @IsInt() @Min(1) @Max(50)
  EVENT_MAX_DELIVERIES: number = 5;
}
