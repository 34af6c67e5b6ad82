import { table } from '../bench/lib/report';
import { FaultRecord } from './faults';
import { Answer } from './load';
import { ExitRecord } from './replicas';
import { Check } from './verify';

export interface Sample {
  t: number;
  orders: number;
  accepted: number;
  waitingForErp: number;
  failed: number;
  outbox: number;
}

export interface Counts {
  total: number;
  ok2xx: number;
  s4xx: number;
  s429: number;
  s5xx: number;
  s503: number;
  networkErrors: number;
  byStatus: Record<string, number>;
}

export function countAnswers(answers: Answer[]): Counts {
  const c: Counts = { total: 0, ok2xx: 0, s4xx: 0, s429: 0, s5xx: 0, s503: 0, networkErrors: 0, byStatus: {} };
  for (const a of answers) {
    c.total++;
    c.byStatus[a.status] = (c.byStatus[a.status] ?? 0) + 1;
    if (a.status === 0) c.networkErrors++;
    else if (a.status < 300) c.ok2xx++;
    else if (a.status >= 500) {
      c.s5xx++;
      if (a.status === 503) c.s503++;
    } else {
      c.s4xx++;
      if (a.status === 429) c.s429++;
    }
  }
  return c;
}

export interface FaultOutcome extends FaultRecord {
  recoverySeconds: number;
  /** Answers from the fault's start to the next fault's start (or the end of the burst). */
  webhooks: Counts;
  storefront: Counts;
  acceptedByErpInWindow: number;
  peakWaitingForErp: number;
  peakOutbox: number;
}

export function faultOutcomes(faults: FaultRecord[], answers: Answer[], samples: Sample[], endMs: number): FaultOutcome[] {
  return faults.map((f, i) => {
    const until = faults[i + 1]?.startMs ?? endMs;
    const inWindow = answers.filter((a) => a.t >= f.startMs && a.t < until);
    const s = samples.filter((x) => x.t * 1000 >= f.startMs && x.t * 1000 < until);
    return {
      ...f,
      recoverySeconds: Math.round((f.recoveredMs - f.startMs) / 100) / 10,
      webhooks: countAnswers(inWindow.filter((a) => a.kind === 'webhook')),
      storefront: countAnswers(inWindow.filter((a) => a.kind === 'storefront')),
      acceptedByErpInWindow: s.length ? s[s.length - 1].accepted - s[0].accepted : 0,
      peakWaitingForErp: Math.max(0, ...s.map((x) => x.waitingForErp)),
      peakOutbox: Math.max(0, ...s.map((x) => x.outbox)),
    };
  });
}

const counts = (c: Counts): string => {
  const bad = Object.entries(c.byStatus).filter(([s]) => !s.startsWith('2'));
  return `${c.total}${bad.length ? ` (${bad.map(([s, n]) => `${n}×${s === '0' ? 'no answer' : s}`).join(', ')})` : ' (all 2xx)'}`;
};

export function printReport(r: {
  faults: FaultOutcome[];
  checks: Check[];
  totals: [string, string | number][];
  exits: ExitRecord[];
}): void {
  table(
    'Faults (answers counted from the fault to the next one)',
    ['fault', 't s', 'back after s', 'webhooks', 'storefront', 'ERP-accepted', 'peak WAITING_FOR_ERP'],
    r.faults.map((f) => [
      f.name,
      Math.round(f.startMs / 1000),
      f.recoverySeconds,
      counts(f.webhooks),
      counts(f.storefront),
      f.acceptedByErpInWindow,
      f.peakWaitingForErp,
    ]),
  );
  table('Totals', ['', 'value'], r.totals);
  const unexpected = r.exits.filter((e) => !e.expected);
  if (unexpected.length)
    table(
      'Replicas that exited on their own (restarted by the suite, as an orchestrator would)',
      ['replica', 'at', 'code', 'signal'],
      unexpected.map((e) => [e.replica, e.at, String(e.code), String(e.signal)]),
    );
  table(
    'Assertions',
    ['', 'result', 'detail'],
    r.checks.map((c) => [c.name, c.ok ? 'pass' : 'FAIL', c.detail.length > 110 ? `${c.detail.slice(0, 110)}… (in the JSON)` : c.detail]),
  );
}
