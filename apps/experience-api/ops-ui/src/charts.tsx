import { polyline } from './series';

const W = 280;
const H = 60;

export interface Line {
  name: string;
  values: (number | null)[];
  cls: string;
}

/** A small time-series chart: hand-drawn SVG, one polyline per series over a shared scale. */
export function Sparkline({ title, lines, unit, format }: { title: string; lines: Line[]; unit: string; format: (v: number) => string }) {
  const all = lines.flatMap((l) => l.values).filter((v): v is number => v !== null);
  const max = all.length ? Math.max(...all) : 0;
  return (
    <figure class="chart" data-chart={title}>
      <figcaption>
        {title}
        {lines.map((l) => {
          const last = [...l.values].reverse().find((v) => v !== null);
          return (
            <span class={`legend ${l.cls}`} key={l.name}>
              {l.name} {last === undefined || last === null ? '–' : format(last)}
            </span>
          );
        })}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${title} (${unit})`}>
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} class="axis" />
        {lines.map((l) => (
          <polyline key={l.name} points={polyline(l.values, W, H - 2, max || 1)} class={`series ${l.cls}`} fill="none" />
        ))}
      </svg>
      <div class="scale muted">
        max {max ? format(max) : '–'} · last {lines[0]?.values.length ?? 0} polls
      </div>
    </figure>
  );
}
