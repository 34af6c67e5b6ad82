import { useState } from 'preact/hooks';
import type { DeadLetter, ExceptionDetail, ExceptionItem, OpsApi } from './api';
import { TextInput } from './field';

export type Filter = { kind: string; state: string; channel: string; errorCode: string; olderThanMinutes: string };
export const NO_FILTER: Filter = { kind: '', state: '', channel: '', errorCode: '', olderThanMinutes: '' };

interface Props {
  api: OpsApi;
  items: ExceptionItem[];
  filter: Filter;
  onFilter: (f: Filter) => void;
  /** After an action: poll again now so the page shows its effect. */
  refresh: () => void;
  report: (message: string, error?: boolean) => void;
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: string[]; onChange: (v: string) => void }) {
  return (
    <label>
      {label}
      <select name={label} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The exception queue: filters, and inspect / retry / discard (with a reason) per item. */
export function ExceptionQueue({ api, items, filter, onFilter, refresh, report }: Props) {
  const [detail, setDetail] = useState<ExceptionDetail | null>(null);
  const [discarding, setDiscarding] = useState<ExceptionItem | null>(null);
  const [reason, setReason] = useState('');
  const set = (k: keyof Filter) => (v: string) => onFilter({ ...filter, [k]: v });
  const act = async (what: string, work: () => Promise<unknown>): Promise<void> => {
    try {
      await work();
      report(what);
      refresh();
    } catch (e) {
      report(`${what} failed: ${(e as Error).message}`, true);
    }
  };
  return (
    <section class="panel wide">
      <h2>
        Exception queue <span class="count">{items.length}</span>
      </h2>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <Select label="kind" value={filter.kind} options={['order', 'return', 'dead-letter']} onChange={set('kind')} />
        <Select
          label="state"
          value={filter.state}
          options={['FAILED', 'WAITING_FOR_ERP', 'BACKORDERED', 'EXCEPTION', 'WAITING', 'DEAD_LETTERED']}
          onChange={set('state')}
        />
        <Select label="channel" value={filter.channel} options={['shopify', 'storefront', 'partner', 'pos']} onChange={set('channel')} />
        <label>
          error code
          <input
            name="errorCode"
            value={filter.errorCode}
            maxLength={40}
            onChange={(e) => set('errorCode')((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          older than (min)
          <input
            name="olderThanMinutes"
            type="number"
            min={0}
            max={525600}
            value={filter.olderThanMinutes}
            onChange={(e) => set('olderThanMinutes')((e.target as HTMLInputElement).value)}
          />
        </label>
      </form>
      <table class="queue">
        <thead>
          <tr>
            <th>Kind</th>
            <th>Id</th>
            <th>State</th>
            <th>Channel</th>
            <th>Error</th>
            <th>Attempts</th>
            <th>Since</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={`${i.kind}:${i.id}`} data-exception={i.id} data-kind={i.kind}>
              <td>{i.kind}</td>
              <td class="mono">{i.id}</td>
              <td>{i.state}</td>
              <td>{i.channel ?? i.consumer ?? ''}</td>
              <td class="error" title={i.error ?? ''}>
                {i.errorCode ?? ''} {i.type ?? ''} {i.error ? i.error.slice(0, 120) : ''}
              </td>
              <td>{i.attempts}</td>
              <td>{i.since}</td>
              <td class="actions">
                <button type="button" onClick={() => act('inspected', async () => setDetail(await api.inspect(i.kind, i.id)))}>
                  Inspect
                </button>
                <button
                  type="button"
                  onClick={() => act(`${i.kind === 'dead-letter' ? 'replayed' : 'retried'} ${i.id}`, () => api.retry(i.kind, i.id))}
                >
                  {i.kind === 'dead-letter' ? 'Replay' : 'Retry'}
                </button>
                <button type="button" class="danger" onClick={() => (setDiscarding(i), setReason(''))}>
                  Discard
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length === 0 && <p class="muted">Nothing waits for an operator.</p>}
      {discarding && (
        <form
          class="discard"
          onSubmit={(e) => {
            e.preventDefault();
            const target = discarding;
            setDiscarding(null);
            void act(`discarded ${target.id}`, () => api.discard(target.kind, target.id, reason.trim()));
          }}
        >
          <label>
            Why discard {discarding.kind} {discarding.id}?
            <TextInput name="reason" required minLength={3} maxLength={500} value={reason} onValue={setReason} />
          </label>
          <button type="submit" class="danger">
            Discard for good
          </button>
          <button type="button" onClick={() => setDiscarding(null)}>
            Cancel
          </button>
        </form>
      )}
      {detail && (
        <div class="detail" data-detail={detail.id}>
          <h3>
            {detail.kind} {detail.id}{' '}
            <button type="button" onClick={() => setDetail(null)}>
              Close
            </button>
          </h3>
          <ol class="timeline">
            {detail.timeline.map((t, n) => (
              <li key={n}>
                <span class="mono">{t.at}</span> {t.from ?? '∅'} → <b>{t.to}</b> <span class="muted">{t.cause}</span>
              </li>
            ))}
          </ol>
          <pre>{JSON.stringify(detail.payload, null, 2).slice(0, 4000)}</pre>
        </div>
      )}
    </section>
  );
}

/** Dead letters, newest first: the ones not yet replayed can be replayed from here. */
export function DeadLetters({
  api,
  letters,
  refresh,
  report,
}: {
  api: OpsApi;
  letters: DeadLetter[];
  refresh: () => void;
  report: Props['report'];
}) {
  return (
    <section class="panel wide">
      <h2>
        Dead letters <span class="count">{letters.filter((d) => !d.replayedAt).length} pending</span>
      </h2>
      <table>
        <thead>
          <tr>
            <th>Event type</th>
            <th>Consumer</th>
            <th>Error</th>
            <th>Attempts</th>
            <th>Created</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {letters.map((d) => (
            <tr key={d.id} data-dead-letter={d.id} data-status={d.replayedAt ? 'replayed' : 'pending'}>
              <td>{d.type}</td>
              <td>{d.consumer}</td>
              <td class="error">{d.error.slice(0, 120)}</td>
              <td>{d.attempts}</td>
              <td>{d.createdAt}</td>
              <td>
                {d.replayedAt ? (
                  <span class="ok">replayed {d.replayedAt}</span>
                ) : (
                  <button
                    type="button"
                    onClick={() =>
                      api.replay(d.id).then(
                        () => (report(`replayed ${d.id}`), refresh()),
                        (e: Error) => report(`replay failed: ${e.message}`, true),
                      )
                    }
                  >
                    Replay
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {letters.length === 0 && <p class="muted">No dead letters.</p>}
    </section>
  );
}
