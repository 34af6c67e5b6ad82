import { FETCH_BLOCKED_PORTS, freePort } from './stack';

describe('freePort', () => {
  it('lists ports that fetch() refuses, so that no layer of a test stack is started on one', async () => {
    for (const port of FETCH_BLOCKED_PORTS) {
      const refused = await fetch(`http://127.0.0.1:${port}/`).then(
        () => undefined,
        (e: Error & { cause?: Error }) => e.cause?.message,
      );
      expect([port, refused]).toEqual([port, 'bad port']);
    }
  });

  it('hands out distinct ports that fetch() accepts', async () => {
    const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
    expect(new Set(ports).size).toBe(20);
    for (const p of ports) expect(FETCH_BLOCKED_PORTS.has(p)).toBe(false);
  });
});
