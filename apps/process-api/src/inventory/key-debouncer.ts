/**
 * Coalesces work per key: the first request opens a window, later ones within it are folded in, and
 * the action runs once when the window closes. `force` survives folding (a drift correction is never
 * dropped by a later ordinary change). The window does not slide, so a steady stream still flushes.
 *
 * Runs for one key never overlap: a window that closes while the previous run of its key is still in
 * flight waits for it. Otherwise a slow run that read an older figure could finish after a newer one and
 * leave the channel on the stale value (seen on PostgreSQL: last write 9 after 10).
 */
export class KeyDebouncer<K extends string> {
  private readonly pending = new Map<K, { force: boolean; reasons: Set<string>; timer: NodeJS.Timeout }>();
  private readonly running = new Map<K, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly windowMs: number,
    private readonly action: (key: K, force: boolean, reasons: string[]) => Promise<void>,
    private readonly onError: (key: K, e: unknown) => void,
  ) {}

  request(key: K, reason: string, force = false): void {
    if (this.stopped) return;
    const open = this.pending.get(key);
    if (open) {
      open.force ||= force;
      open.reasons.add(reason);
      return;
    }
    const timer = setTimeout(() => this.flush(key), this.windowMs);
    timer.unref();
    this.pending.set(key, { force, reasons: new Set([reason]), timer });
  }

  get size(): number {
    return this.pending.size;
  }

  private flush(key: K): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    const previous = this.running.get(key) ?? Promise.resolve();
    const run = previous
      .then(() => this.action(key, entry.force, [...entry.reasons]))
      .catch((e: unknown) => this.onError(key, e))
      .finally(() => {
        if (this.running.get(key) === run) this.running.delete(key);
      });
    this.running.set(key, run);
  }

  /** Drops the windows not yet closed and waits for the runs in flight (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const e of this.pending.values()) clearTimeout(e.timer);
    this.pending.clear();
    await Promise.all([...this.running.values()]);
  }
}
