import type { Axis, ChartPayload } from '../display/payloads';
import { isTensor, toNumbers, toRows, type Numeric } from './toNumbers';

export interface XYOptions {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** Log scale on y (line charts also get a toggle). */
  logY?: boolean;
  /** Series name for a single series. */
  name?: string;
  /** Scatter: a class label per point; each class becomes a series. */
  labels?: Numeric | string[];
}

/** `{ name: ys }` or `{ name: { x, y } }` — several named series at once. */
export type SeriesMap = Record<string, Numeric | { x: Numeric; y: Numeric }>;

/**
 * A line or scatter chart payload from the shapes cells usually have: `(ys)`,
 * `(xs, ys)`, `({ name: ys, … })`, or for scatter an [n, 2] tensor of points.
 *
 * @example
 * xyChart('line', [[0, 1, 2], [0, 1, 4]], { name: 'x²' })
 */
export function xyChart(mark: 'line' | 'point', args: unknown[], opts: XYOptions = {}): ChartPayload {
  const series: ChartPayload['series'] = [];
  const [a, b] = args;
  if (isSeriesMap(a)) {
    for (const [name, v] of Object.entries(a)) {
      if (typeof v === 'object' && v !== null && 'y' in v && !isTensor(v) && !Array.isArray(v)) series.push({ name, x: toNumbers(v.x, `${name}.x`), y: toNumbers(v.y, `${name}.y`) });
      else { const y = toNumbers(v as Numeric, name); series.push({ name, x: y.map((_, i) => i), y }); }
    }
  } else if (mark === 'point' && b === undefined && (isTensor(a) ? a.rank === 2 : Array.isArray(a) && Array.isArray(a[0]))) {
    const rows = toRows(a as number[][]);
    pushXY(series, rows.map((r) => r[0]), rows.map((r) => r[1]), opts);
  } else if (b !== undefined) {
    pushXY(series, toNumbers(a as Numeric, 'x'), toNumbers(b as Numeric, 'y'), opts);
  } else {
    const y = toNumbers(a as Numeric, 'y');
    pushXY(series, y.map((_, i) => i), y, opts);
  }
  for (const s of series) if (s.x.length !== s.y.length) throw new Error(`${s.name}: ${s.x.length} x values but ${s.y.length} y values`);
  const y: Axis = { title: opts.yLabel ?? (series.length === 1 ? series[0].name : 'y') };
  if (opts.logY) y.scale = 'log';
  const payload: ChartPayload = { version: 1, mark, x: { title: opts.xLabel ?? 'x' }, y, series };
  if (opts.title) payload.title = opts.title;
  if (mark === 'line') payload.logToggle = true;
  return payload;
}

function pushXY(series: ChartPayload['series'], x: number[], y: number[], opts: XYOptions): void {
  if (opts.labels === undefined) { series.push({ name: opts.name ?? 'y', x, y }); return; }
  const labels = Array.isArray(opts.labels) && typeof opts.labels[0] === 'string' ? (opts.labels as string[]) : toNumbers(opts.labels as Numeric, 'labels').map(String);
  if (labels.length !== x.length) throw new Error(`labels: ${labels.length} labels for ${x.length} points`);
  const byLabel = new Map<string, { x: number[]; y: (number | null)[] }>();
  labels.forEach((l, i) => {
    let s = byLabel.get(l);
    if (!s) { s = { x: [], y: [] }; byLabel.set(l, s); }
    s.x.push(x[i]); s.y.push(y[i]);
  });
  for (const [name, s] of [...byLabel].sort(([p], [q]) => p.localeCompare(q, undefined, { numeric: true }))) series.push({ name, ...s });
}

function isSeriesMap(v: unknown): v is SeriesMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !isTensor(v);
}
