import { Writable } from 'node:stream';
import { contextFromHeaders } from './correlation';
import { createLogger } from './logger';
import { requestContext } from './request-context';

function capture(): { stream: Writable; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  return { stream, lines };
}

describe('createLogger', () => {
  it('stamps every line written inside a request with its requestId and trace ids', async () => {
    const { stream, lines } = capture();
    const logger = createLogger('svc', 'info', stream);
    const ctx = contextFromHeaders('req-42', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    await requestContext.run(ctx, async () => {
      await Promise.resolve();
      logger.info('inside');
    });
    logger.info('outside');
    expect(lines[0]).toMatchObject({
      service: 'svc',
      msg: 'inside',
      requestId: 'req-42',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: ctx.spanId,
    });
    expect(lines[1].msg).toBe('outside');
    expect(lines[1].requestId).toBeUndefined();
  });

  it('removes the Authorization header from logged requests', () => {
    const { stream, lines } = capture();
    createLogger('svc', 'info', stream).info({ req: { headers: { authorization: 'Bearer secret', accept: '*/*' } } }, 'request');
    expect(JSON.stringify(lines[0])).not.toContain('secret');
  });
});
