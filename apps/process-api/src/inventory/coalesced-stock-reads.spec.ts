import type { StockLevelView } from '../system/system.port';
import { CoalescedStockReads } from './coalesced-stock-reads';

const level = (sku: string, onHand: number): StockLevelView => ({ sku, locationId: 'WH', onHand, reserved: 0 });

/** A read the test finishes by hand, recording which SKUs each call asked for. */
function controlledErp() {
  const calls: { skus: string[]; finish: (onHand: number) => void }[] = [];
  const read = (skus: string[]) =>
    new Promise<StockLevelView[]>((resolve) => calls.push({ skus, finish: (n) => resolve(skus.map((s) => level(s, n))) }));
  return { calls, read };
}

describe('CoalescedStockReads', () => {
  it('asks the ERP once for reads requested together, and gives each caller its own SKUs', async () => {
    const erp = controlledErp();
    const reads = new CoalescedStockReads(erp.read);
    const a = reads.get(['A', 'B']);
    const b = reads.get(['B', 'C']);
    await Promise.resolve();
    expect(erp.calls.map((c) => c.skus)).toEqual([['A', 'B', 'C']]);
    erp.calls[0].finish(5);
    expect((await a).map((l) => l.sku)).toEqual(['A', 'B']);
    expect((await b).map((l) => l.sku)).toEqual(['B', 'C']);
  });

  it('never answers a caller with a read that started before it asked', async () => {
    const erp = controlledErp();
    const reads = new CoalescedStockReads(erp.read);
    const early = reads.get(['A']);
    await Promise.resolve();
    const late = reads.get(['A']);
    const later = reads.get(['B']);
    expect(erp.calls).toHaveLength(1);
    erp.calls[0].finish(1);
    expect((await early)[0].onHand).toBe(1);
    await new Promise((r) => setImmediate(r));
    // The two that asked while the first read ran share the next one.
    expect(erp.calls.map((c) => c.skus)).toEqual([['A'], ['A', 'B']]);
    erp.calls[1].finish(2);
    expect((await late)[0].onHand).toBe(2);
    expect((await later)[0]).toMatchObject({ sku: 'B', onHand: 2 });
  });

  it('passes a failed read to every caller joined to it, and the next batch still runs', async () => {
    let fail = true;
    const reads = new CoalescedStockReads(async (skus) => {
      if (fail) throw new Error('ERP down');
      return skus.map((s) => level(s, 3));
    });
    const both = [reads.get(['A']), reads.get(['B'])];
    await expect(Promise.all(both)).rejects.toThrow('ERP down');
    fail = false;
    expect(await reads.get(['A'])).toEqual([level('A', 3)]);
  });

  it('splits a batch that would not fit in one request', async () => {
    const erp = controlledErp();
    const reads = new CoalescedStockReads(erp.read);
    const many = Array.from({ length: 150 }, (_, i) => `SKU-${String(i).padStart(10, '0')}`);
    const answers = many.map((s) => reads.get([s]));
    // The full batch went at once; the rest waits for it, then goes as the next read.
    await Promise.resolve();
    expect(erp.calls).toHaveLength(1);
    erp.calls[0].finish(1);
    await new Promise((r) => setImmediate(r));
    expect(erp.calls).toHaveLength(2);
    erp.calls[1].finish(1);
    for (const c of erp.calls) expect(c.skus.join(',').length).toBeLessThanOrEqual(2000);
    expect(erp.calls.flatMap((c) => c.skus)).toEqual(many);
    expect((await Promise.all(answers)).flat()).toHaveLength(150);
  });
});
