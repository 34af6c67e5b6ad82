import { jsonDepthExceeds } from './json-depth';

describe('jsonDepthExceeds', () => {
  const nested = (n: number): string => '['.repeat(n) + ']'.repeat(n);

  it('admits a body at the limit and refuses one level more', () => {
    expect(jsonDepthExceeds(nested(64), 64)).toBe(false);
    expect(jsonDepthExceeds(nested(65), 64)).toBe(true);
    expect(jsonDepthExceeds(`{"a":${nested(63)}}`, 64)).toBe(false);
    expect(jsonDepthExceeds(`{"a":${nested(64)}}`, 64)).toBe(true);
  });

  it('counts depth, not the number of containers', () => {
    expect(jsonDepthExceeds(`[${Array.from({ length: 10_000 }, () => '{"a":[1]}').join(',')}]`, 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ s: '[[[[[[[[', t: 'a\\"[[[[[[' }), 2)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ s: '"' }) + nested(3), 2)).toBe(true);
  });

  it('scans a 5,000-level body without recursion', () => {
    expect(jsonDepthExceeds(nested(5000))).toBe(true);
  });
});
