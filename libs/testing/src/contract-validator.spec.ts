import { ContractValidator } from './contract-validator';

const contract = {
  openapi: '3.1.0',
  paths: {
    '/v1/things/{id}': {
      get: {
        operationId: 'things.get',
        responses: {
          '200': { description: 'OK', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
          '429': {
            description: 'Too many',
            headers: { 'Retry-After': { required: true, schema: { type: 'integer' } } },
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Thing: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string', format: 'uuid' }, note: { type: ['string', 'null'] } },
      },
      Problem: { type: 'object', required: ['status'], properties: { status: { type: 'integer' } }, additionalProperties: true },
    },
  },
};

const json = new Headers({ 'content-type': 'application/json' });
const url = 'http://x/v1/things/0b6f3e9a-5f1c-4d2e-8a7b-9c0d1e2f3a4b';

describe('ContractValidator', () => {
  it('accepts a documented response', () => {
    expect(
      new ContractValidator(contract).check(
        'GET',
        url,
        200,
        json,
        JSON.stringify({ id: '0b6f3e9a-5f1c-4d2e-8a7b-9c0d1e2f3a4b', note: null }),
      ),
    ).toEqual([]);
  });

  it('rejects an undocumented member, a wrong type and a bad format', () => {
    const v = new ContractValidator(contract).check('GET', url, 200, json, JSON.stringify({ id: 'nope', note: 3, extra: true }));
    expect(v.join('\n')).toMatch(/extra/);
    expect(v.join('\n')).toMatch(/note must be string,null|note must be string/);
    expect(v.join('\n')).toMatch(/format "uuid"/);
  });

  it('rejects an undocumented status, operation or media type, and a missing required header', () => {
    const validator = new ContractValidator(contract);
    expect(validator.check('GET', url, 404, json, '{}')[0]).toMatch(/status not documented/);
    expect(validator.check('POST', url, 200, json, '{}')[0]).toMatch(/no operation/);
    expect(validator.check('GET', url, 200, new Headers({ 'content-type': 'text/html' }), '<p>')[0]).toMatch(/media type text\/html/);
    expect(
      validator.check('GET', url, 429, new Headers({ 'content-type': 'application/problem+json' }), '{"status":429,"policy":"reads"}'),
    ).toEqual(['things.get (GET /v1/things/{id}) 429: required header Retry-After missing']);
    expect(validator.violations()).toHaveLength(4);
  });
});
