import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { DocumentNode, execute, FieldNode, GraphQLError, Kind, OperationDefinitionNode, parse, validate } from 'graphql';
import { shopifyAdminSchema } from './shopify-admin-schema';
import { ShopifyShopState } from './shopify-admin-state';

export * from './shopify-admin-state';

export interface LocalShopifyOptions {
  /** Bucket size and restore rate per shop (Shopify Standard: 1000 points, 100/s; small here so tests drain it). */
  maximumAvailable?: number;
  restoreRate?: number;
}

export interface CallRecord {
  shop: string;
  operation: string;
  at: number;
  throttled: boolean;
  status: number;
}

/**
 * A local Shopify Admin GraphQL API for e2e tests: requests are parsed, validated and executed with
 * graphql-js on the vendored 2026-10 schema, with resolvers for the operations Weft uses over
 * in-memory shops. Every answer carries `extensions.cost` from a per-shop leaky bucket; a request
 * that does not fit gets Shopify's THROTTLED error instead of running. Not a stub of responses: a
 * document the real schema rejects is rejected here too.
 */
export class LocalShopifyAdmin {
  readonly shops = new Map<string, ShopifyShopState>();
  readonly calls: CallRecord[] = [];
  private server?: Server;
  private url = '';
  /** Operations whose next answer is held back (still executed): a response that never arrives in time. */
  private readonly delays = new Map<string, number>();
  private readonly answer429 = new Set<string>();

  constructor(private readonly options: LocalShopifyOptions = {}) {}

  shop(domain: string, accessToken = 'shpat_test_token'): ShopifyShopState {
    let s = this.shops.get(domain);
    if (!s) {
      s = new ShopifyShopState(domain, accessToken, this.options.maximumAvailable ?? 1000, this.options.restoreRate ?? 100);
      this.shops.set(domain, s);
    }
    return s;
  }

  /** SHOPIFY_SHOPS for one shop served here (registered on the way), with its webhook secrets. */
  shopsEnv(domain: string, accessToken: string, webhookSecrets: string[]): string {
    this.shop(domain, accessToken);
    return JSON.stringify([{ domain, webhookSecrets, adminAccessToken: accessToken, adminApiUrl: this.adminApiUrl(domain) }]);
  }

  /** The adminApiUrl to configure for a shop. */
  adminApiUrl(domain: string): string {
    return `${this.url}/shops/${domain}/admin/api/2026-10/graphql.json`;
  }

  delayNext(operation: string, ms: number): void {
    this.delays.set(operation, ms);
  }

  /** The next request for this operation is answered 429 without running. */
  tooManyRequestsNext(operation: string): void {
    this.answer429.add(operation);
  }

  async start(): Promise<string> {
    shopifyAdminSchema();
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** A completed bulk operation's JSONL, as Shopify serves it from a signed URL (no access token). */
  private serveBulkResult(res: ServerResponse, domain: string, id: string): void {
    const b = this.shops.get(domain)?.bulkOperations.get(id);
    this.calls.push({
      shop: domain,
      operation: 'bulkResult',
      at: Date.now(),
      throttled: false,
      status: b?.status === 'COMPLETED' ? 200 : 404,
    });
    if (!b || b.status !== 'COMPLETED') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('NoSuchKey');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/jsonl' });
    res.end(b.jsonl);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bulk = /^\/bulk\/([^/]+)\/([^/]+)\.jsonl$/.exec(req.url ?? '');
    if (bulk) return this.serveBulkResult(res, bulk[1], decodeURIComponent(bulk[2]));
    const m = /^\/shops\/([^/]+)\/admin\/api\/2026-10\/graphql\.json$/.exec(req.url ?? '');
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    const shop = m ? this.shops.get(m[1]) : undefined;
    if (!shop || req.method !== 'POST') return send(404, { errors: 'Not Found' });
    if (req.headers['x-shopify-access-token'] !== shop.accessToken) {
      return send(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: { query?: string; variables?: Record<string, unknown> };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return send(400, { errors: 'Bad Request' });
    }
    let doc: DocumentNode;
    try {
      doc = parse(body.query ?? '');
    } catch (e) {
      return send(200, { errors: [{ message: (e as GraphQLError).message }] });
    }
    const errors = validate(shopifyAdminSchema(), doc);
    if (errors.length)
      return send(200, { errors: errors.map((e) => ({ message: e.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })) });
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const rootField = (op.selectionSet.selections[0] as FieldNode).name.value;
    const record = (status: number, throttled: boolean) =>
      this.calls.push({ shop: shop.domain, operation: rootField, at: Date.now(), throttled, status });
    if (this.answer429.delete(rootField)) {
      record(429, true);
      return send(
        429,
        { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' },
        { 'retry-after': '1' },
      );
    }
    const cost = requestedCost(op);
    const bucket = shop.bucket;
    if (!bucket.take(cost)) {
      record(200, true);
      return send(200, {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: bucket.status() } },
      });
    }
    shop.bulkResultBase = `${this.url}/bulk/${shop.domain}`;
    const result = await execute({
      schema: shopifyAdminSchema(),
      document: doc,
      rootValue: op.operation === 'mutation' ? shop.mutations() : shop.queries(),
      variableValues: body.variables ?? {},
      contextValue: shop,
    });
    record(200, false);
    // As Shopify does, the bucket is charged what the answer cost, not the worst case it reserved.
    const actual = op.operation === 'mutation' ? cost : Math.min(cost, objectsIn(result.data));
    bucket.refund(cost - actual);
    const delay = this.delays.get(rootField);
    if (delay) {
      this.delays.delete(rootField);
      await new Promise((r) => setTimeout(r, delay));
    }
    send(200, { ...result, extensions: { cost: { requestedQueryCost: cost, actualQueryCost: actual, throttleStatus: bucket.status() } } });
  }
}

type Fields = readonly FieldNode[];
const fieldsOf = (f: { selectionSet?: { selections: readonly unknown[] } }): Fields =>
  (f.selectionSet?.selections ?? []).filter((s): s is FieldNode => (s as FieldNode).kind === Kind.FIELD);

/**
 * Shopify's calculated cost, as its docs describe it in outline: a mutation costs 10; in a query each
 * object costs 1, scalars nothing, and a connection 2 plus `first` times the cost of one node.
 */
function requestedCost(op: OperationDefinitionNode): number {
  if (op.operation === 'mutation') return 10;
  const cost = (fields: Fields): number => {
    let c = 0;
    for (const f of fields) {
      if (!f.selectionSet || f.name.value === 'pageInfo') continue;
      const first = f.arguments?.find((a) => a.name.value === 'first');
      if (first && first.value.kind === Kind.INT) {
        const nodes = fieldsOf(f).find((k) => k.name.value === 'nodes');
        c += 2 + Number(first.value.value) * (1 + cost(nodes ? fieldsOf(nodes) : fieldsOf(f)));
      } else c += 1 + cost(fieldsOf(f));
    }
    return c;
  };
  return Math.max(1, cost(fieldsOf(op)));
}

function objectsIn(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((a: number, x) => a + objectsIn(x), 0);
  if (v && typeof v === 'object') return 1 + Object.values(v).reduce((a: number, x) => a + objectsIn(x), 0);
  return 0;
}
