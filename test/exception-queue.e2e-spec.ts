import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import {
  DEV_SHOP_DOMAIN,
  paidShopifyOrder,
  postShopifyWebhook,
  shopifyFixture,
  shopifyOrderKey,
  startStack,
  Stack,
  waitFor,
} from '@weft/testing';

interface Item {
  kind: string;
  id: string;
  state: string;
  errorCode: string | null;
  channel: string | null;
  shop: string | null;
  type: string | null;
  consumer: string | null;
}
interface Detail extends Item {
  payload: Record<string, unknown>;
  timeline: { to: string; cause: string }[];
}

/** The exception queue at the edge, with the ERP failing every call. */
describe('exception queue (/v1/ops) at the edge', () => {
  let stack: Stack;
  let ops: string;

  beforeAll(async () => {
    stack = await startStack(
      { system: createSystemApi, process: createProcessApi, experience: createExperienceApi },
      {
        WORKFLOW_POLL_MS: '50',
        ERP_FAILURE_RATE: '1',
        WORKFLOW_RETRY_BASE_MS: '50',
        WORKFLOW_RETRY_MAX_MS: '200',
        WORKFLOW_GIVE_UP_AFTER: '1s',
      },
    );
    ops = await stack.token({ sub: 'alice@ops', scope: 'ops:read ops:write' });
  });
  afterAll(() => stack.close());

  const call = async <T>(method: string, path: string, body?: unknown, token = ops): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${stack.urls.experience}/v1/ops${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as T };
  };
  const list = (query: string) => call<Item[]>('GET', `/exceptions?${query}`).then((r) => r.body);

  it('lists a waiting then failed order with its error code, inspects it, and retries and discards it with an audit trail', async () => {
    const externalId = '700000000000000001';
    const res = await postShopifyWebhook(
      stack.urls.experience,
      'orders/create',
      paidShopifyOrder(shopifyFixture('orders-create.json'), externalId),
      {
        eventId: 'exq-1',
      },
    );
    expect(res.status).toBe(200);

    const waiting = await waitFor(
      'a waiting order in the queue',
      () => list('kind=order&state=WAITING_FOR_ERP&channel=shopify'),
      (i) => i.length > 0,
    );
    expect(waiting[0]).toMatchObject({ kind: 'order', state: 'WAITING_FOR_ERP', errorCode: 'downstream-unavailable', channel: 'shopify' });
    const id = waiting[0].id;
    expect(waiting[0].shop).toBe(DEV_SHOP_DOMAIN);
    expect((await list(`kind=order&shop=${DEV_SHOP_DOMAIN}`)).some((x) => x.id === id)).toBe(true);
    expect((await list('kind=order&shop=weft-eu.myshopify.com')).some((x) => x.id === id)).toBe(false);

    await waitFor(
      'FAILED in the queue',
      () => list('kind=order&state=FAILED&errorCode=downstream-unavailable'),
      (i) => i.some((x) => x.id === id),
    );
    expect(await list('kind=order&state=FAILED&channel=pos')).toEqual([]);
    expect((await list('kind=order&state=FAILED&olderThanMinutes=60')).some((x) => x.id === id)).toBe(false);

    const detail = await call<Detail>('GET', `/exceptions/order/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.payload).toMatchObject({ externalId: shopifyOrderKey(externalId), channel: 'shopify' });
    expect(detail.body.timeline.map((t) => t.to)).toEqual(expect.arrayContaining(['WAITING_FOR_ERP', 'FAILED']));

    const retried = await call<Detail>('POST', `/exceptions/order/${id}/retry`, { reason: 'ERP maintenance over' });
    expect(retried.status).toBe(200);
    expect(retried.body.timeline.some((t) => t.cause === 'retried by alice@ops: ERP maintenance over')).toBe(true);

    await waitFor(
      'FAILED again',
      () => list('kind=order&state=FAILED'),
      (i) => i.some((x) => x.id === id),
    );
    expect((await call('POST', `/exceptions/order/${id}/discard`, {})).status).toBe(400);
    const discarded = await call<Detail>('POST', `/exceptions/order/${id}/discard`, { reason: 'customer re-ordered by phone' });
    expect(discarded.status).toBe(200);
    expect(discarded.body.state).toBe('CANCELLED');
    expect((await list('kind=order')).some((x) => x.id === id)).toBe(false);
    expect((await call('POST', `/exceptions/order/${id}/retry`, {})).status).toBe(409);

    const audit = await call<{ actor: string; action: string; targetId: string; reason: string | null; outcome: string }[]>(
      'GET',
      `/audit?targetId=${id}`,
    );
    expect(audit.body.map((a) => [a.actor, a.action, a.reason])).toEqual([
      ['alice@ops', 'discard', 'customer re-ordered by phone'],
      ['alice@ops', 'retry', 'ERP maintenance over'],
    ]);
    expect(audit.body[0].outcome).toBe('FAILED → CANCELLED');
  });

  it('retries everything matching a filter, each audited', async () => {
    for (const n of ['700000000000000011', '700000000000000012'])
      await postShopifyWebhook(stack.urls.experience, 'orders/create', paidShopifyOrder(shopifyFixture('orders-create.json'), n), {
        eventId: `exq-${n}`,
      });
    const failed = await waitFor(
      'two FAILED',
      () => list('kind=order&state=FAILED'),
      (i) => i.length >= 2,
    );
    const bulk = await call<{ matched: number; retried: string[] }>('POST', '/exceptions/retry', {
      kind: 'order',
      state: 'FAILED',
      reason: 'bulk',
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.retried).toEqual(expect.arrayContaining(failed.map((f) => f.id)));
    const audit = await call<{ targetId: string; action: string }[]>('GET', '/audit?limit=50');
    for (const f of failed) expect(audit.body.some((a) => a.targetId === f.id && a.action === 'retry')).toBe(true);
  });

  it('lists dead letters by type, inspects, replays one and discards another, each audited', async () => {
    // With the ERP failing past WORKFLOW_GIVE_UP_AFTER (1 s here), the consumer that propagates customer changes dead-letters its events.
    const dead = await waitFor(
      'two dead letters',
      () => list('kind=dead-letter'),
      (i) => i.length >= 2,
      30_000,
    );
    expect(dead[0]).toMatchObject({ kind: 'dead-letter', state: 'DEAD_LETTERED' });
    const byType = await list(`kind=dead-letter&type=${dead[0].type}`);
    expect(byType.every((d) => d.type === dead[0].type)).toBe(true);
    const detail = await call<Detail>('GET', `/exceptions/dead-letter/${dead[0].id}`);
    expect(detail.body.payload).toMatchObject({ type: dead[0].type, specversion: '1.0' });

    expect((await call('POST', `/exceptions/dead-letter/${dead[0].id}/retry`, { reason: 'replay after fix' })).status).toBe(200);
    expect((await call('POST', `/exceptions/dead-letter/${dead[1].id}/discard`, { reason: 'obsolete change' })).status).toBe(200);
    const open = await list('kind=dead-letter');
    expect(open.map((d) => d.id)).not.toEqual(expect.arrayContaining([dead[0].id]));
    expect(open.map((d) => d.id)).not.toEqual(expect.arrayContaining([dead[1].id]));
    expect((await call('POST', `/exceptions/dead-letter/${dead[1].id}/retry`, {})).status).toBe(409);
    const audit = await call<{ targetId: string; action: string; kind: string }[]>('GET', `/audit?targetId=${dead[1].id}`);
    expect(audit.body).toEqual([expect.objectContaining({ action: 'discard', kind: 'dead-letter' })]);
  });

  it('needs ops scopes, and answers a bad kind or filter with a problem', async () => {
    const reader = await stack.token({ sub: 'viewer', scope: 'ops:read' });
    const stranger = await stack.token({ sub: 'shop', scope: 'orders:read' });
    expect((await call('GET', '/exceptions', undefined, stranger)).status).toBe(403);
    expect((await call('GET', '/exceptions', undefined, reader)).status).toBe(200);
    expect((await call('POST', '/exceptions/retry', {}, reader)).status).toBe(403);
    const bad = await fetch(`${stack.urls.experience}/v1/ops/exceptions?olderThanMinutes=-1`, {
      headers: { authorization: `Bearer ${ops}` },
    });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await call('GET', '/exceptions?shop=not-a-shop')).status).toBe(400);
    expect((await call('GET', '/exceptions/parcel/x')).status).toBe(400);
    expect((await call('GET', '/exceptions/order/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
