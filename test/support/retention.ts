import { DataSource } from 'typeorm';
import { WeftMetrics } from '@weft/observability';
import { Clock, RetentionPruner, RetentionRule } from '@weft/platform';

/** Real time plus a jump the test controls: rows the app writes "now" age as the clock jumps. */
export class JumpClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  jump(ms: number): void {
    this.offset += ms;
  }
}

export async function prunedRows(metrics: WeftMetrics, table: string): Promise<number> {
  return (await metrics.retentionPruned.get()).values.find((v) => v.labels.table === table)?.value ?? 0;
}

/**
 * Every rule's DELETE reads its table through an index, not a full scan. PostgreSQL is asked with
 * sequential scans priced out (the test tables are tiny, where a scan would win on cost): a plan
 * that still scans has no index to use. SQLite says SCAN for a full scan and SEARCH for an index.
 */
export async function expectIndexedPlans(ds: DataSource, pruner: RetentionPruner, rules: RetentionRule[], now: number): Promise<void> {
  const runner = ds.createQueryRunner();
  try {
    for (const rule of rules) {
      const [sql, params] = pruner.statement(rule, now);
      let plan: string;
      if (ds.options.type === 'postgres') {
        await runner.startTransaction();
        await runner.query('SET LOCAL enable_seqscan = off');
        const rows = (await runner.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[];
        await runner.rollbackTransaction();
        plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect({ rule: rule.table, plan }).toEqual({ rule: rule.table, plan: expect.not.stringMatching(/Seq Scan/) });
      } else {
        const rows = (await runner.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
        plan = rows.map((r) => r.detail).join('\n');
        expect({ rule: rule.table, plan }).toEqual({ rule: rule.table, plan: expect.not.stringMatching(/^SCAN /m) });
      }
      expect(plan).toMatch(/index/i);
    }
  } finally {
    await runner.release();
  }
}
