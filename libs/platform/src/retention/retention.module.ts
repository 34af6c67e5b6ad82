import { DynamicModule, Module } from '@nestjs/common';
import { WeftConfig } from '@weft/config';
import { CLOCK, systemClock } from '../clock.port';
import { RetentionPruner } from './retention.pruner';
import { RETENTION_RULES, RETENTION_SCHEDULE, RetentionRule, RetentionSchedule } from './retention.rule';

/** Background pruning of an app's tables by `rules`, on the schedule of the shared RETENTION_* settings. */
@Module({})
export class RetentionModule {
  static forRoot(config: WeftConfig, rules: RetentionRule[]): DynamicModule {
    const schedule: RetentionSchedule = {
      batchSize: config.RETENTION_BATCH_SIZE,
      batchPauseMs: config.RETENTION_BATCH_PAUSE_MS,
      intervalMs: config.RETENTION_INTERVAL_SECONDS * 1000,
    };
    return {
      module: RetentionModule,
      providers: [
        RetentionPruner,
        { provide: RETENTION_RULES, useValue: rules },
        { provide: RETENTION_SCHEDULE, useValue: schedule },
        { provide: CLOCK, useValue: systemClock },
      ],
      exports: [RetentionPruner],
    };
  }
}
