import { EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * One kind of row that may go: `table` is the metric label, `prunable` narrows a query on the entity
 * (alias `t`) to the rows no longer needed at `now` (the clock port's milliseconds), and `oldestFirst`
 * names the indexed column the batch is taken in order of, so each batch is an index range scan.
 */
export interface RetentionRule {
  table: string;
  entity: EntityTarget<ObjectLiteral>;
  prunable(query: SelectQueryBuilder<ObjectLiteral>, now: number): SelectQueryBuilder<ObjectLiteral>;
  oldestFirst: string;
}

export const DAY_MS = 24 * 3600 * 1000;

/** The ISO timestamp `days` before `now`: the app's time columns are ISO-8601 UTC text, which sorts as time. */
export function cutoffIso(now: number, days: number): string {
  return new Date(now - days * DAY_MS).toISOString();
}

/** The rules of a module: built from the app's validated config when the retention module starts. */
export const RETENTION_RULES = Symbol('RETENTION_RULES');

export interface RetentionSchedule {
  /** Rows per DELETE: small, so a statement holds its locks (SQLite: the one writer) only briefly. */
  batchSize: number;
  /** Between two batches of a pass: intake gets the database between them. */
  batchPauseMs: number;
  /** Between two passes. */
  intervalMs: number;
}

export const RETENTION_SCHEDULE = Symbol('RETENTION_SCHEDULE');
