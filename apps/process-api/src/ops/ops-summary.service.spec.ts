import { percentile } from './ops-summary.service';

describe('percentile (nearest rank)', () => {
  it('has no value for no samples', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('takes the nearest rank of the ascending samples', () => {
    const s = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(s, 50)).toBe(5);
    expect(percentile(s, 95)).toBe(10);
    expect(percentile(s, 10)).toBe(1);
    expect(percentile([7], 95)).toBe(7);
  });

  it('never reads outside the samples', () => {
    expect(percentile([3, 9], 0)).toBe(3);
    expect(percentile([3, 9], 100)).toBe(9);
  });
});
