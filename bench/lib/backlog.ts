import { join } from 'node:path';
import { DataSource } from 'typeorm';

export interface StateCounts {
  total: number;
  accepted: number;
  failed: number;
  byState: Record<string, number>;
}

/** States at or past ACCEPTED_BY_ERP (the drain target); FAILED and CANCELLED are counted apart. */
const ACCEPTED = new Set(['ACCEPTED_BY_ERP', 'PARTIALLY_FULFILLED', 'FULFILLED', 'INVOICED', 'COMPLETED']);

/**
 * Reads process-api's own orders table (its SQLite file read-only, or its PostgreSQL schema) while
 * process-api runs: one GROUP BY per sample, no endpoint needed.
 */
export class OrderStateProbe {
  private constructor(
    private readonly ds: DataSource,
    private readonly table: string,
  ) {}

  static async open(env: Record<string, string>): Promise<OrderStateProbe> {
    if (env.DATABASE_URL) {
      const schema = `${env.DATABASE_SCHEMA_PREFIX}_process`;
      const ds = new DataSource({ type: 'postgres', url: env.DATABASE_URL, extra: { max: 1, application_name: 'weft-bench-probe' } });
      await ds.initialize();
      return new OrderStateProbe(ds, `"${schema}"."orders"`);
    }
    const ds = new DataSource({ type: 'better-sqlite3', database: join(env.WEFT_DATA_DIR, 'process.sqlite'), readonly: true });
    await ds.initialize();
    return new OrderStateProbe(ds, 'orders');
  }

  async counts(): Promise<StateCounts> {
    const rows = (await this.ds.query(`SELECT state, COUNT(*) AS n FROM ${this.table} GROUP BY state`)) as {
      state: string;
      n: string | number;
    }[];
    const byState: Record<string, number> = {};
    let total = 0;
    let accepted = 0;
    for (const r of rows) {
      const n = Number(r.n);
      byState[r.state] = n;
      total += n;
      if (ACCEPTED.has(r.state)) accepted += n;
    }
    return { total, accepted, failed: byState.FAILED ?? 0, byState };
  }

  close(): Promise<void> {
    return this.ds.destroy();
  }
}
