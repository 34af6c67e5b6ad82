import type { components } from '../../../../openapi/client/experience-api.v1';

export type Schemas = components['schemas'];
export type OpsSummary = Schemas['OpsSummaryDto'];
export type ExceptionItem = Schemas['ExceptionItemDto'];
export type ExceptionDetail = Schemas['ExceptionDetailDto'];
export type DeadLetter = Schemas['DeadLetterDto'];
export type OrderSearchResult = Schemas['OrderSearchResultDto'];

/** A problem+json answer from the edge, kept whole so the page can say what went wrong. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${status} ${title}${detail ? `: ${detail}` : ''}`);
  }
}

/** Calls the edge's /v1/ops routes with the operator's token; the page itself holds no data. */
export class OpsApi {
  constructor(private readonly token: string) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await fetch(`/v1/ops${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const p = (json ?? {}) as { title?: string; detail?: string };
      throw new ApiError(res.status, p.title ?? res.statusText, p.detail ?? '');
    }
    return json as T;
  }

  summary(windowMinutes = 60): Promise<OpsSummary> {
    return this.call('GET', `/summary?windowMinutes=${windowMinutes}`);
  }

  exceptions(filter: Record<string, string>): Promise<ExceptionItem[]> {
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
    q.set('limit', '200');
    return this.call('GET', `/exceptions?${q.toString()}`);
  }

  inspect(kind: string, id: string): Promise<ExceptionDetail> {
    return this.call('GET', `/exceptions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`);
  }

  retry(kind: string, id: string): Promise<ExceptionDetail> {
    return this.call('POST', `/exceptions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/retry`, {
      reason: 'retried from the dashboard',
    });
  }

  discard(kind: string, id: string, reason: string): Promise<ExceptionDetail> {
    return this.call('POST', `/exceptions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/discard`, { reason });
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.call('GET', '/dead-letters');
  }

  replay(id: string): Promise<DeadLetter> {
    return this.call('POST', `/dead-letters/${encodeURIComponent(id)}/replay`, {});
  }

  search(q: string): Promise<OrderSearchResult[]> {
    return this.call('GET', `/orders/search?q=${encodeURIComponent(q)}`);
  }
}
