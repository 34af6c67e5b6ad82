import autocannon, { Request, Result } from 'autocannon';
import { round } from './procs';

export interface LoadFigures {
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Responses outside 2xx, timeouts and socket errors: a figure with any of them is flagged in the table. */
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time (user + system) the measured process spent per request, when the caller asked for it. */
  cpuUsPerRequest?: number;
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** Seconds; ignored when amount is set. */
  duration?: number;
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Called for every request (autocannon's setupRequest): fresh keys, ids and signatures. */
  setup?: (request: Request) => Request;
}

export function figures(r: Result, requests = r.requests.total): LoadFigures {
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count;
  const ok = r['2xx'];
  return {
    requests,
    seconds: round(r.duration, 2),
    rps: round(ok / r.duration, 0),
    p50Ms: r.latency.p50,
    p90Ms: r.latency.p90,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
}

/**
 * autocannon in this (the runner's) process; the servers are other processes, on loopback.
 * rps counts 2xx responses only.
 */
export async function load(spec: LoadSpec): Promise<LoadFigures> {
  const request: Request = {
    method: spec.method ?? 'GET',
    ...(spec.headers ? { headers: spec.headers } : {}),
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  };
  if (spec.setup) request.setupRequest = (r) => spec.setup!(r);
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.duration }),
    timeout: 30,
    requests: [request],
  });
  return figures(result);
}
