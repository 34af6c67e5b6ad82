import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { DataSource, ObjectLiteral } from 'typeorm';
import { WeftConfig } from '@weft/config';
import { WeftMetrics } from '@weft/observability';
import { UnitOfWork } from '@weft/persistence';
import { CLOCK, Clock } from '../clock.port';
import { withinDeadline } from '../shutdown';
import { RETENTION_RULES, RETENTION_SCHEDULE, RetentionRule, RetentionSchedule } from './retention.rule';

/**
 * Deletes what the retention rules allow, in the background, one bounded batch at a time:
 * `DELETE FROM t WHERE key IN (SELECT key FROM t WHERE <prunable> ORDER BY <indexed time> LIMIT n)`,
 * which PostgreSQL and SQLite both run. A pause between batches gives the database back to intake
 * (on SQLite every batch waits its turn in the UnitOfWork queue like any request's statement). Several
 * replicas may prune at once: they only ever delete rows no one needs, so a race costs a wasted batch.
 */
@Injectable()
export class RetentionPruner implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private timer?: NodeJS.Timeout;
  private current: Promise<unknown> = Promise.resolve();
  /** Passes asked for and not finished: the timer adds none while one runs, so a slow pass never piles up. */
  private queued = 0;
  private stopped = false;
  private wake?: () => void;

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RETENTION_RULES) private readonly rules: RetentionRule[],
    @Inject(RETENTION_SCHEDULE) private readonly schedule: RetentionSchedule,
    private readonly metrics: WeftMetrics,
    @Optional() @Inject(WeftConfig) private readonly config: WeftConfig | null = null,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config && !this.config.runsBackgroundWork) return;
    this.timer = setInterval(() => {
      if (this.queued === 0) void this.pruneNow().catch((e: unknown) => this.logger.warn(`pruning failed: ${String(e)}`));
    }, this.schedule.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.wake?.();
    await withinDeadline('retention pass', this.current, 5_000, this.logger);
  }

  /** One pass over every rule, after any pass in flight; resolves with the rows deleted per table. */
  pruneNow(): Promise<Record<string, number>> {
    this.queued++;
    const pass = this.current.then(() => this.pass()).finally(() => this.queued--);
    this.current = pass.catch(() => undefined);
    return pass;
  }

  /** The DELETE of one batch of `rule` at `now`, with its parameters (the tests read its plan). */
  statement(rule: RetentionRule, now: number): [string, unknown[]] {
    const repo = this.dataSource.getRepository<ObjectLiteral>(rule.entity);
    const keys = repo.metadata.primaryColumns;
    const quote = (name: string) => this.dataSource.driver.escape(name);
    const select = rule
      .prunable(repo.createQueryBuilder('t').select(keys.map((k) => `t.${k.propertyName}`)), now)
      .orderBy(`t.${rule.oldestFirst}`, 'ASC')
      .limit(this.schedule.batchSize);
    const [sql, params] = select.getQueryAndParameters();
    const key = keys.length === 1 ? quote(keys[0].databaseName) : `(${keys.map((k) => quote(k.databaseName)).join(', ')})`;
    return [`DELETE FROM ${quote(repo.metadata.tableName)} WHERE ${key} IN (${sql})`, params as unknown[]];
  }

  private async pass(): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const rule of this.rules) {
      deleted[rule.table] ??= 0;
      for (;;) {
        if (this.stopped) return deleted;
        // The clock is read per batch: a long pass never deletes on a stale "now".
        const n = await this.deleteBatch(rule, this.clock.now());
        deleted[rule.table] += n;
        if (n > 0) this.metrics.retentionPruned.inc({ table: rule.table }, n);
        if (n < this.schedule.batchSize) break;
        await this.pause();
      }
    }
    const pruned = Object.entries(deleted).filter(([, n]) => n > 0);
    if (pruned.length > 0) this.logger.log(`pruned ${pruned.map(([table, n]) => `${n} from ${table}`).join(', ')}`);
    return deleted;
  }

  private async deleteBatch(rule: RetentionRule, now: number): Promise<number> {
    const [sql, params] = this.statement(rule, now);
    return this.uow.serialised(async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        return (await runner.query(sql, params, true)).affected ?? 0;
      } finally {
        await runner.release();
      }
    });
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.schedule.batchPauseMs);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
