import { randomUUID } from 'node:crypto';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

/** fetch with JSON in and out; the body is {} when empty. */
export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const newKey = (): string => `"${randomUUID()}"`;

/** Every RFC 9457 member a Weft problem carries, and the media type. */
export function expectProblem(res: HttpResult, status: number, code?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^https:\/\//),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance: expect.stringMatching(/^\//),
      correlationId: res.headers.get('x-request-id'),
    }),
  );
  if (code) expect(res.body.code).toBe(code);
}
