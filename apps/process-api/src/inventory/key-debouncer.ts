/**
 * Coalesces work per key: the first request opens a window, later ones within it are folded in, and
 * the action runs once when the window closes. `force` survives folding (a drift correction is never
 * dropped by a later ordinary change). The window does not slide, so a steady stream still flushes.
 */
export class KeyDebouncer<K extends string> {
  private readonly pending = new Map<K, { force: boolean; reasons: Set<string>; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly action: (key: K, force: boolean, reasons: string[]) => Promise<void>,
    private readonly onError: (key: K, e: unknown) => void,
  ) {}

  request(key: K, reason: string, force = false): void {
    const open = this.pending.get(key);
    if (open) {
      open.force ||= force;
      open.reasons.add(reason);
      return;
    }
    const timer = setTimeout(() => void this.flush(key), this.windowMs);
    timer.unref();
    this.pending.set(key, { force, reasons: new Set([reason]), timer });
  }

  get size(): number {
    return this.pending.size;
  }

  private async flush(key: K): Promise<void> {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    try {
      await this.action(key, entry.force, [...entry.reasons]);
    } catch (e) {
      this.onError(key, e);
    }
  }

  stop(): void {
    for (const e of this.pending.values()) clearTimeout(e.timer);
    this.pending.clear();
  }
}
