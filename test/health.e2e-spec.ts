import { createExperienceApi } from '../apps/experience-api/src/experience-api.app';
import { createProcessApi } from '../apps/process-api/src/process-api.app';
import { createSystemApi } from '../apps/system-api/src/system-api.app';
import { REAL_INFRA, startStack, Stack } from '@weft/testing';

describe('health', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ system: createSystemApi, process: createProcessApi, experience: createExperienceApi });
  });
  afterAll(() => stack.close());

  it.each(['system', 'process', 'experience'] as const)('%s answers /health/live and /health/ready', async (name) => {
    const live = await fetch(`${stack.urls[name]}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${stack.urls[name]}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { status: string; details: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(body.details.database.status).toBe('up');
    if (REAL_INFRA) {
      expect(body.details.redis.status).toBe('up');
      expect(body.details.nats.status).toBe('up');
    } else {
      expect(body.details.redis).toBeUndefined();
    }
  });

  it('answers unknown routes with a problem+json 404 carrying the correlation id', async () => {
    const res = await fetch(`${stack.urls.experience}/v1/no-such-route`, { headers: { 'x-request-id': 'probe-123' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('x-request-id')).toBe('probe-123');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 404, correlationId: 'probe-123', instance: '/v1/no-such-route' });
  });
});
