import { useEffect, useState } from 'preact/hooks';
import type { OpsApi, OrderSearchResult } from './api';
import { TextInput } from './field';

/** One order found by any of its ids: its state, trace id and timeline, refreshed with every poll. */
export function OrderLookup({ api, tick }: { api: OpsApi; tick: number }) {
  const [input, setInput] = useState('');
  const [q, setQ] = useState('');
  const [results, setResults] = useState<OrderSearchResult[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!q) return;
    api.search(q).then(
      (r) => (setResults(r), setError('')),
      (e: Error) => setError(e.message),
    );
  }, [api, q, tick]);
  return (
    <section class="panel wide">
      <h2>Find an order</h2>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          setResults(null);
          setQ(input.trim());
        }}
      >
        <TextInput
          name="q"
          placeholder="Shopify id or name, ERP number, POS sale, request id, trace id"
          maxLength={200}
          value={input}
          onValue={setInput}
        />
        <button type="submit">Search</button>
      </form>
      {error && <p class="bad">{error}</p>}
      {results && results.length === 0 && <p class="muted">No order matches {q}.</p>}
      {results?.map((r) => (
        <article class="order" key={r.order.id} data-order={r.order.id} data-order-state={r.order.state}>
          <h3>
            {r.order.orderNumber ?? r.order.externalId} <span class={`state s-${r.order.state}`}>{r.order.state}</span>
          </h3>
          <dl>
            <dt>Order</dt>
            <dd class="mono">{r.order.id}</dd>
            <dt>Channel</dt>
            <dd>{r.order.channel}</dd>
            <dt>Matched by</dt>
            <dd>{r.matchedBy}</dd>
            <dt>Trace id</dt>
            <dd class="mono" data-trace-id>
              {r.traceId ?? '–'}
            </dd>
          </dl>
          <ol class="timeline">
            {r.order.timeline.map((t, n) => (
              <li key={n}>
                <span class="mono">{t.at}</span> {t.from ?? '∅'} → <b>{t.to}</b> <span class="muted">{t.cause}</span>
              </li>
            ))}
          </ol>
        </article>
      ))}
    </section>
  );
}
