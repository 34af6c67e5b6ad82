import { Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { shopifyAdminSchema } from '@weft/testing';
import { bulkOrdersQuery, SHOPIFY_DOCUMENTS } from './shopify.documents';
import { parseBulkOrders } from './shopify-admin.adapter';

describe('Shopify Admin GraphQL documents (validated against the vendored 2026-10 schema)', () => {
  const schema = shopifyAdminSchema();

  it.each(Object.entries(SHOPIFY_DOCUMENTS))('%s is valid against the schema', (_name, text) => {
    const errors = validate(schema, parse(text));
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it('each document is one named operation', () => {
    for (const text of Object.values(SHOPIFY_DOCUMENTS)) {
      const ops = parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      expect(ops).toHaveLength(1);
      expect(ops[0].name?.value).toMatch(/^Weft/);
    }
  });

  it('a document with a wrong field is rejected (the check can fail)', () => {
    const errors = validate(schema, parse('query { order(id: "gid://shopify/Order/1") { noSuchField } }'));
    expect(errors.length).toBeGreaterThan(0);
  });

  it('mutations that accept @idempotent use it', () => {
    const idempotent = ['inventorySetQuantities', 'refundCreate'] as const;
    for (const name of idempotent) expect(SHOPIFY_DOCUMENTS[name]).toMatch(/@idempotent\(key: \$key\)/);
  });

  it('the bulk catch-up query, its search filled in, is valid and searches what it was given', () => {
    const text = bulkOrdersQuery("updated_at:>'2026-11-01T00:00:00.000Z'");
    expect(validate(schema, parse(text)).map((e) => e.message)).toEqual([]);
    expect(text).toContain(`orders(query: "updated_at:>'2026-11-01T00:00:00.000Z'")`);
  });

  it('a bulk result is read line by line, order lines only, oldest change first', () => {
    const jsonl = [
      '{"id":"gid://shopify/Order/2","name":"#2","updatedAt":"2026-11-02T00:00:00Z"}',
      '{"id":"gid://shopify/LineItem/9","__parentId":"gid://shopify/Order/2"}',
      '',
      '{"id":"gid://shopify/Order/1","name":"#1","updatedAt":"2026-11-01T00:00:00Z"}',
    ].join('\n');
    expect(parseBulkOrders(jsonl).map((o) => o.name)).toEqual(['#1', '#2']);
  });
});
