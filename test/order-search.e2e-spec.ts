import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { paidShopifyOrder, postShopifyWebhook, shopifyOrderKey, shopifyFixture, startStack, Stack, waitFor } from '@weft/testing';

interface SearchResult {
  matchedBy: string;
  traceId: string | null;
  order: {
    id: string;
    externalId: string;
    orderNumber: string | null;
    state: string;
    erp: { salesOrderId: string | null; orderNumber?: string | null };
    timeline: { to: string }[];
  };
}

describe('GET /v1/ops/orders/search at the edge', () => {
  let stack: Stack;
  let ops: string;
  const id = '820982911946159001';
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  const requestId = 'req-search-webhook-1';

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      { WORKFLOW_POLL_MS: '50' },
    );
    ops = await stack.token({ sub: 'ops-desk', scope: 'ops:read' });
    const body = paidShopifyOrder(shopifyFixture('orders-create.json'), id);
    const res = await postShopifyWebhook(stack.urls.experience, 'orders/create', body, {
      webhookId: 'wh-search-1',
      eventId: 'evt-search-1',
      headers: { traceparent: `00-${traceId}-00f067aa0ba902b7-01`, 'x-request-id': requestId },
    });
    expect(res.status).toBe(200);
  });
  afterAll(() => stack.close());

  const search = async (q: string, token = ops): Promise<{ status: number; body: unknown }> => {
    const res = await fetch(`${stack.urls.experience}/v1/ops/orders/search?q=${encodeURIComponent(q)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, body: await res.json() };
  };

  it('finds the order by its Shopify id, name, ERP number, request id and trace id, with its timeline and trace id', async () => {
    const [hit] = (
      await waitFor(
        'the order accepted by the ERP',
        () => search(id),
        (r) => (r.body as SearchResult[])[0]?.order.state === 'ACCEPTED_BY_ERP',
      )
    ).body as SearchResult[];
    expect(hit).toMatchObject({ matchedBy: 'externalId', traceId, order: { externalId: shopifyOrderKey(id) } });
    expect(hit.order.timeline.map((t) => t.to)).toContain('ACCEPTED_BY_ERP');

    const by = async (q: string): Promise<[string, string | undefined]> => {
      const r = await search(q);
      expect(r.status).toBe(200);
      const [first] = r.body as SearchResult[];
      return [first?.matchedBy ?? 'none', first?.order.id];
    };
    expect(await by(hit.order.id)).toEqual(['id', hit.order.id]);
    expect(await by(hit.order.orderNumber!)).toEqual(['orderNumber', hit.order.id]);
    expect(await by(hit.order.erp.salesOrderId!)).toEqual([expect.stringMatching(/^erp(SalesOrderId|OrderNumber)$/), hit.order.id]);
    expect(await by(traceId)).toEqual(['traceId', hit.order.id]);
    expect(await by(requestId)).toEqual(['requestId', hit.order.id]);
    expect(await by('no-such-order-anywhere')).toEqual(['none', undefined]);
  });

  it('needs ops:read and a well-formed query', async () => {
    const reader = await stack.token({ sub: 'storefront', scope: 'orders:read' });
    expect((await search(id, reader)).status).toBe(403);
    const bad = await fetch(`${stack.urls.experience}/v1/ops/orders/search?q=${encodeURIComponent('<script>')}`, {
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const none = await fetch(`${stack.urls.experience}/v1/ops/orders/search`, { headers: { authorization: `Bearer ${ops}` } });
    expect(none.status).toBe(400);
  });
});
