import { render } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, DeadLetter, ExceptionItem, OpsApi, OpsSummary } from './api';
import { Sparkline } from './charts';
import { TextInput } from './field';
import { OrderLookup } from './order';
import { Flow, Health, Kpis } from './panels';
import { DeadLetters, ExceptionQueue, Filter, NO_FILTER } from './queue';
import { acceptedTotal, formatSeconds, nextSample, push, Sample } from './series';

const TOKEN_KEY = 'weft.ops.token';
const POLL_MS = 2000;

/** The operator's token is kept for this tab only (sessionStorage), never sent anywhere but the edge. */
function TokenForm({ onToken, message }: { onToken: (t: string) => void; message: string }) {
  const [value, setValue] = useState('');
  return (
    <form
      class="panel token"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onToken(value.trim());
      }}
    >
      <h2>Sign in</h2>
      <p>Paste an operator token (scope ops:read to watch, ops:write to act).</p>
      <TextInput name="token" secret maxLength={8192} value={value} onValue={setValue} />
      <button type="submit">Connect</button>
      {message && <p class="bad">{message}</p>}
    </form>
  );
}

function Dashboard({ api, onSignOut }: { api: OpsApi; onSignOut: (why: string) => void }) {
  const [summary, setSummary] = useState<OpsSummary | null>(null);
  const [items, setItems] = useState<ExceptionItem[]>([]);
  const [letters, setLetters] = useState<DeadLetter[]>([]);
  const [filter, setFilter] = useState<Filter>(NO_FILTER);
  const [samples, setSamples] = useState<Sample[]>([]);
  const [tick, setTick] = useState(0);
  const [status, setStatus] = useState<{ text: string; error: boolean }>({ text: 'connecting…', error: false });
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const filterRef = useRef(filter);
  filterRef.current = filter;

  const poll = useCallback(async () => {
    try {
      const [s, q, d] = await Promise.all([api.summary(), api.exceptions({ ...filterRef.current }), api.deadLetters()]);
      const at = Date.parse(s.at) || Date.now();
      const accepted = acceptedTotal(s.flow);
      setSamples((prev) => push(prev, nextSample(prev, at, accepted, s.syncLatency.p50Seconds, s.syncLatency.p95Seconds)));
      setSummary(s);
      setItems(q);
      setLetters(d);
      setTick((t) => t + 1);
      setStatus({ text: `live · updated ${new Date(at).toLocaleTimeString()}`, error: false });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return onSignOut('The token was refused (401): sign in again.');
      setStatus({
        text: e instanceof ApiError && e.status === 403 ? 'this token lacks scope ops:read' : `poll failed: ${(e as Error).message}`,
        error: true,
      });
    }
  }, [api, onSignOut]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = async (): Promise<void> => {
      await poll();
      if (!stopped) timer = setTimeout(() => void loop(), POLL_MS);
    };
    void loop();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [poll]);
  useEffect(() => void poll(), [filter, poll]);

  const report = useCallback((text: string, error = false) => setNotice({ text, error }), []);
  const refresh = useCallback(() => void poll(), [poll]);
  return (
    <main>
      <header>
        <h1>Weft operations</h1>
        <span class={`status${status.error ? ' bad' : ''}`} data-status>
          {status.text}
        </span>
        <button type="button" onClick={() => onSignOut('')}>
          Sign out
        </button>
      </header>
      {notice && (
        <p class={`notice${notice.error ? ' bad' : ''}`} data-notice>
          {notice.text}
        </p>
      )}
      {summary && <Kpis s={summary} />}
      <section class="charts">
        <Sparkline
          title="Throughput"
          unit="orders accepted by the ERP in the last minute"
          format={(v) => `${v}/min`}
          lines={[{ name: 'accepted', cls: 'a', values: samples.map((s) => s.throughput) }]}
        />
        <Sparkline
          title="Sync latency"
          unit="seconds, received to accepted by the ERP"
          format={(v) => formatSeconds(v)}
          lines={[
            { name: 'p50', cls: 'a', values: samples.map((s) => s.p50) },
            { name: 'p95', cls: 'b', values: samples.map((s) => s.p95) },
          ]}
        />
      </section>
      <div class="grid">
        {summary && <Flow s={summary} />}
        {summary && <Health s={summary} />}
      </div>
      <ExceptionQueue api={api} items={items} filter={filter} onFilter={setFilter} refresh={refresh} report={report} />
      <DeadLetters api={api} letters={letters} refresh={refresh} report={report} />
      <OrderLookup api={api} tick={tick} />
    </main>
  );
}

function App() {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [message, setMessage] = useState('');
  const api = useMemo(() => (token ? new OpsApi(token) : null), [token]);
  const signOut = useCallback((why: string) => {
    sessionStorage.removeItem(TOKEN_KEY);
    setMessage(why);
    setToken('');
  }, []);
  if (!api)
    return (
      <TokenForm
        message={message}
        onToken={(t) => {
          sessionStorage.setItem(TOKEN_KEY, t);
          setMessage('');
          setToken(t);
        }}
      />
    );
  return <Dashboard api={api} onSignOut={signOut} />;
}

const root = document.getElementById('app')!;
// The static "loading" line is only for a browser that has not run the bundle yet.
root.textContent = '';
render(<App />, root);
