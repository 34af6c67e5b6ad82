import { DomainError, ErrorCode } from '@weft/problem';
import { parseIdempotencyKey } from './idempotency-key';
import { canonicalJson, requestFingerprint, scopedKey } from './request-fingerprint';

describe('parseIdempotencyKey', () => {
  it('reads the sf-string form and unescapes it', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"a\\"b\\\\c"')).toBe('a"b\\c');
    expect(parseIdempotencyKey(`"${'k'.repeat(255)}"`)).toHaveLength(255);
  });

  it('accepts a bare token for leniency and treats an absent header as undefined', () => {
    expect(parseIdempotencyKey('8e03978e-40d5')).toBe('8e03978e-40d5');
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([['""'], [''], ['   '], [`"${'k'.repeat(256)}"`], ['k'.repeat(256)], ['"open'], ['two words'], ['"bad\\n"'], ['"é"']])(
    'rejects %j as invalid',
    (value) => {
      const e = (() => {
        try {
          parseIdempotencyKey(value);
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe(ErrorCode.IDEMPOTENCY_KEY_INVALID);
    },
  );

  it('rejects a repeated header', () => {
    expect(() => parseIdempotencyKey(['"a"', '"b"'])).toThrow(DomainError);
  });
});

describe('request fingerprint', () => {
  it('ignores key order but not values, method or path', () => {
    const base = requestFingerprint('POST', '/v1/orders', { a: 1, b: { c: [1, { d: 2, e: 3 }] } });
    expect(requestFingerprint('post', '/v1/orders', { b: { c: [1, { e: 3, d: 2 }] }, a: 1 })).toBe(base);
    expect(requestFingerprint('POST', '/v1/orders', { a: 2, b: { c: [1, { d: 2, e: 3 }] } })).not.toBe(base);
    expect(requestFingerprint('PATCH', '/v1/orders', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).not.toBe(base);
    expect(requestFingerprint('POST', '/v1/orders/2', { a: 1, b: { c: [1, { d: 2, e: 3 }] } })).not.toBe(base);
  });

  it('serialises canonically', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
  });

  it('scopes a key by client identity', () => {
    expect(scopedKey('client-a', 'k')).not.toBe(scopedKey('client-b', 'k'));
    expect(scopedKey('client-a', 'k')).toMatch(/^[0-9a-f]{64}$/);
  });
});
