import type { OpsSummary } from './api';
import { formatSeconds } from './series';

/** The order states in the order an order moves through them. */
const STATE_ORDER = [
  'RECEIVED',
  'VALIDATED',
  'ON_HOLD',
  'CUSTOMER_RESOLVED',
  'BACKORDERED',
  'RESERVED',
  'SUBMITTED',
  'WAITING_FOR_ERP',
  'ACCEPTED_BY_ERP',
  'PARTIALLY_FULFILLED',
  'FULFILLED',
  'INVOICED',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
];
const rank = (s: string): number => (STATE_ORDER.includes(s) ? STATE_ORDER.indexOf(s) : STATE_ORDER.length);

export function Kpis({ s }: { s: OpsSummary }) {
  const open = s.circuits.filter((c) => c.state !== 'closed');
  const tiles: [string, string, string, boolean][] = [
    ['sync-p50', 'Sync latency p50', formatSeconds(s.syncLatency.p50Seconds), false],
    ['sync-p95', 'Sync latency p95', formatSeconds(s.syncLatency.p95Seconds), false],
    ['accepted', `Accepted by ERP (${s.syncLatency.windowMinutes} min)`, String(s.syncLatency.accepted), false],
    ['failed', 'Failed orders', String(s.exceptions.failed), s.exceptions.failed > 0],
    ['waiting-erp', 'Waiting for ERP', String(s.exceptions.waitingForErp), s.exceptions.waitingForErp > 0],
    ['dead-letters', 'Dead letters', String(s.deadLettersPending), s.deadLettersPending > 0],
    ['circuits', 'Circuits', open.length ? `${open.length} not closed` : 'all closed', open.length > 0],
  ];
  return (
    <section class="tiles">
      {tiles.map(([id, label, value, alert]) => (
        <div class={`tile${alert ? ' alert' : ''}`} data-kpi={id} key={id}>
          <div class="label">{label}</div>
          <div class="value">{value}</div>
        </div>
      ))}
    </section>
  );
}

/** Orders per state (rows) and channel (columns). */
export function Flow({ s }: { s: OpsSummary }) {
  const channels = [...new Set(s.flow.map((c) => c.channel))].sort();
  const states = [...new Set(s.flow.map((c) => c.state))].sort((a, b) => rank(a) - rank(b));
  const count = (state: string, channel: string): number => s.flow.find((c) => c.state === state && c.channel === channel)?.count ?? 0;
  return (
    <section class="panel">
      <h2>Order flow</h2>
      {states.length === 0 ? (
        <p class="muted">No orders yet.</p>
      ) : (
        <table class="flow">
          <thead>
            <tr>
              <th>State</th>
              {channels.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>Total</th>
            </tr>
          </thead>
          <tbody>
            {states.map((state) => (
              <tr key={state} data-state={state}>
                <th>{state}</th>
                {channels.map((c) => (
                  <td key={c} data-channel={c} class={count(state, c) ? '' : 'zero'}>
                    {count(state, c)}
                  </td>
                ))}
                <td class="total">{channels.reduce((n, c) => n + count(state, c), 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Health({ s }: { s: OpsSummary }) {
  return (
    <section class="panel">
      <h2>Aging, circuits and stock</h2>
      <h3>Oldest order per open state</h3>
      <table>
        <tbody>
          {s.aging.map((a) => (
            <tr key={a.state} data-aging={a.state}>
              <th>{a.state}</th>
              <td>{formatSeconds(a.ageSeconds)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Circuits</h3>
      <table>
        <tbody>
          {s.circuits.map((c) => (
            <tr key={`${c.layer}>${c.target}`} data-circuit={c.target}>
              <th>
                {c.layer} → {c.target}
              </th>
              <td class={c.state === 'closed' ? 'ok' : 'bad'}>{c.state}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="muted">
        ERP: {s.exceptions.waitingForErp} waiting, last accepted {s.syncLatency.lastAcceptedAt ?? 'never'}
      </p>
      <h3>Stock accuracy by channel</h3>
      {s.stockAccuracy.length === 0 ? (
        <p class="muted">No channel stock report yet.</p>
      ) : (
        <table>
          <tbody>
            {s.stockAccuracy.map((a) => (
              <tr key={a.channel} data-stock={a.channel}>
                <th>{a.channel}</th>
                <td>
                  {(a.ratio * 100).toFixed(1)} % of {a.skus} SKU@locations
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
