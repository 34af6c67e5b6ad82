import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { REDACTED, redactLine, redactQuery, redactText } from './redaction';

describe('redaction', () => {
  it('redacts every query value, keeping the names', () => {
    expect(redactQuery('/v1/customers?email=jon%40example.com&x=1&flag')).toBe(`/v1/customers?email=${REDACTED}&x=${REDACTED}&flag`);
    expect(redactQuery('/v1/orders/1')).toBe('/v1/orders/1');
  });

  it('masks e-mail addresses, bearer tokens and JWTs inside text', () => {
    const jwt = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const out = redactText(`refused jon@example.com with Bearer abc.def-ghi and ${jwt} at /v1/x?phone=555`);
    expect(out).not.toMatch(/jon@example|abc\.def|eyJhbGci|555/);
    expect(out).toContain('/v1/x?phone=');
  });

  it('redacts personal and secret fields by name at any depth', () => {
    const line = JSON.stringify({
      msg: 'x',
      order: { customer: { email: 'a@b.co' }, shippingAddress: { line1: '1 Main St' }, lines: [{ phone: '+15555550100' }] },
      err: { name: 'DomainError', message: 'no contact for a@b.co' },
    });
    const out = redactLine(line);
    expect(out).not.toMatch(/a@b\.co|Main St|5555550100/);
    expect(JSON.parse(out)).toMatchObject({ msg: 'x', err: { name: 'DomainError' } });
  });

  it('is applied by createLogger to request lines and free text', () => {
    const chunks: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _e, done) {
        chunks.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('svc', 'info', stream);
    logger.info(
      { req: { method: 'GET', url: '/v1/customers?email=jon@example.com', headers: { authorization: 'Bearer s3cret' } } },
      'incoming',
    );
    logger.warn('lookup for jon@example.com failed');
    const text = chunks.join('');
    expect(text).not.toMatch(/jon@example|s3cret/);
    expect(text).toContain('/v1/customers?email=');
  });
});
