import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildClientSchema, GraphQLSchema, IntrospectionQuery } from 'graphql';

/** Shopify's published Admin API introspection, vendored in the repository (see its README). */
export const SHOPIFY_ADMIN_SCHEMA_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  'test',
  'fixtures',
  'shopify',
  'admin-schema',
  'admin_2026-10.json.gz',
);

let cached: GraphQLSchema | undefined;

/** The Admin GraphQL schema of the pinned version, built once per process (it is large). */
export function shopifyAdminSchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(gunzipSync(readFileSync(SHOPIFY_ADMIN_SCHEMA_FILE)).toString('utf8')) as { data: IntrospectionQuery };
    cached = buildClientSchema(json.data);
  }
  return cached;
}
