import type { StockLevelView } from '../system/system.port';

/** system-api takes the SKUs as one comma-separated query parameter of at most 2,000 characters. */
const MAX_QUERY_CHARS = 1_900;

interface Batch {
  skus: Set<string>;
  chars: number;
  waiters: { skus: string[]; resolve: (levels: StockLevelView[]) => void; reject: (e: unknown) => void }[];
}

/**
 * Joins the ERP stock reads that event handlers ask for at the same time into one call for all their
 * SKUs. A caller is only ever joined to a read that has not started yet, so every answer was read after
 * the caller asked and includes the ERP change the caller's event reports. While one read runs, the next
 * batch collects; it starts when the running one ends (or at once when it is full).
 */
export class CoalescedStockReads {
  private running = 0;
  private pending: Batch | null = null;

  constructor(private readonly read: (skus: string[]) => Promise<StockLevelView[]>) {}

  get(skus: string[]): Promise<StockLevelView[]> {
    const wanted = [...new Set(skus)];
    const chars = wanted.reduce((n, s) => n + s.length + 1, 0);
    if (this.pending && this.pending.chars + chars > MAX_QUERY_CHARS) this.start(this.pending);
    const batch = (this.pending ??= { skus: new Set(), chars: 0, waiters: [] });
    for (const s of wanted) {
      if (batch.skus.has(s)) continue;
      batch.skus.add(s);
      batch.chars += s.length + 1;
    }
    const answer = new Promise<StockLevelView[]>((resolve, reject) => batch.waiters.push({ skus: wanted, resolve, reject }));
    // Callers in the same turn of the event loop join; otherwise a batch waits only for the read in flight.
    if (this.running === 0)
      queueMicrotask(() => {
        if (this.pending === batch) this.start(batch);
      });
    return answer;
  }

  private start(batch: Batch): void {
    if (this.pending === batch) this.pending = null;
    this.running++;
    this.read([...batch.skus])
      .then(
        (levels) => {
          for (const w of batch.waiters) w.resolve(levels.filter((l) => w.skus.includes(l.sku)));
        },
        (e: unknown) => {
          for (const w of batch.waiters) w.reject(e);
        },
      )
      .finally(() => {
        this.running--;
        if (this.running === 0 && this.pending) this.start(this.pending);
      });
  }
}
