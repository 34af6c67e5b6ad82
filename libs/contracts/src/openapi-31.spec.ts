import { canonicalJson } from './canonical-json';
import { convertSchemas, toJsonSchema2020 } from './openapi-31';

describe('OpenAPI 3.1 schemas', () => {
  it('turns nullable into null types, keeping property names that look like keywords', () => {
    expect(toJsonSchema2020({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(toJsonSchema2020({ $ref: '#/components/schemas/X', nullable: true })).toEqual({
      anyOf: [{ $ref: '#/components/schemas/X' }, { type: 'null' }],
    });
    expect(toJsonSchema2020({ type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/X' }] })).toEqual({
      anyOf: [{ allOf: [{ $ref: '#/components/schemas/X' }] }, { type: 'null' }],
    });
    expect(
      toJsonSchema2020({ type: 'object', properties: { example: { type: 'string', example: 'a' }, nullable: { type: 'boolean' } } }),
    ).toEqual({
      type: 'object',
      properties: { example: { type: 'string', examples: ['a'] }, nullable: { type: 'boolean' } },
    });
  });

  it('converts every schema position of a document', () => {
    const doc = convertSchemas({
      paths: { '/v1/x': { get: { parameters: [{ name: 'q', schema: { type: 'string', nullable: true } }] } } },
      components: { schemas: { A: { type: 'integer', nullable: true } } },
    });
    expect(doc).toEqual({
      paths: { '/v1/x': { get: { parameters: [{ name: 'q', schema: { type: ['string', 'null'] } }] } } },
      components: { schemas: { A: { type: ['integer', 'null'] } } },
    });
  });
});

describe('canonicalJson', () => {
  it('gives the same bytes whatever the key order, OpenAPI members first', () => {
    const a = canonicalJson({
      paths: { '/b': {}, '/a': {} },
      info: { version: '1', title: 't' },
      openapi: '3.1.0',
      components: { schemas: { X: { required: ['b', 'a'] } } },
    });
    const b = canonicalJson({
      openapi: '3.1.0',
      components: { schemas: { X: { required: ['a', 'b'] } } },
      info: { title: 't', version: '1' },
      paths: { '/a': {}, '/b': {} },
    });
    expect(a).toBe(b);
    expect(Object.keys(JSON.parse(a) as object)).toEqual(['openapi', 'info', 'paths', 'components']);
  });
});
