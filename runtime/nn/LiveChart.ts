import { MIME } from '../../src/kernel/protocol';
import type { ChartDelta, ChartPayload, ProgressPayload, Series } from '../display/payloads';
import { SHOWN } from '../display/formatValue';
import type { DisplaySink, OpenOutputs } from './DisplaySink';
import { downsample } from './downsample';
import { newDisplayId } from './ids';

/** Deltas at most this often (≤ 20 a second)… */
export const DELTA_MS = 50;
/** …and a persisted snapshot at most this often while running. */
export const SNAPSHOT_MS = 1000;
/** Points kept per series in a stored snapshot (LTTB keeps the curve's shape). */
export const STORED_POINTS = 2000;
/** Points kept per series in the kernel's memory; past that, every other point is dropped. */
const MEMORY_POINTS = 100_000;

type Base = Omit<ChartPayload, 'version' | 'series' | 'live' | 'progress' | 'downsampledFrom'>;

/**
 * A chart that grows while a cell runs. Points are buffered and sent as small deltas
 * (at most one per DELTA_MS); the persisted output is replaced by a downsampled
 * snapshot at most once per SNAPSHOT_MS, and by the final picture at `finish()`.
 * Timing is checked when points arrive, so it works even while training keeps the
 * event loop busy; a trailing timer sends what is left when the cell goes idle.
 *
 * @example
 * const chart = new LiveChart(sink, { mark: 'line', x: { title: 'step' }, y: { title: 'loss' } });
 * for (let i = 0; i < 100; i++) chart.add('loss', i, Math.exp(-i / 20));
 * chart.finish();
 */
export class LiveChart {
  readonly displayId: string;
  readonly [SHOWN] = true;
  private readonly series: (Omit<Series, 'y'> & { y: number[] })[] = [];
  private pending = new Map<LiveChart['series'][number], { x: number[]; y: number[] }>();
  private progress: ProgressPayload | undefined;
  private progressDirty = false;
  private seq = 0;
  private lastDelta = -Infinity;
  private lastSnapshot = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;

  constructor(
    private readonly sink: DisplaySink,
    private readonly base: Base,
    private readonly now: () => number = () => performance.now(),
    private readonly open?: OpenOutputs,
  ) {
    this.displayId = newDisplayId('chart');
    open?.add(this);
  }

  /** Adds one point to a series (made on first use). */
  add(name: string, x: number, y: number, opts: { panel?: string; dash?: boolean } = {}): void {
    let s = this.series.find((t) => t.name === name && t.panel === opts.panel);
    if (!s) {
      s = { name, x: [], y: [], ...(opts.panel !== undefined ? { panel: opts.panel } : {}), ...(opts.dash ? { dash: true } : {}) };
      this.series.push(s);
    }
    const yy = Number.isFinite(y) ? y : NaN;
    s.x.push(x); s.y.push(yy);
    if (s.x.length > MEMORY_POINTS) { s.x = s.x.filter((_, i) => i % 2 === 0); s.y = s.y.filter((_, i) => i % 2 === 0); }
    let p = this.pending.get(s);
    if (!p) { p = { x: [], y: [] }; this.pending.set(s, p); }
    p.x.push(x); p.y.push(yy);
  }

  setProgress(progress: ProgressPayload): void {
    this.progress = progress;
    this.progressDirty = true;
  }

  /** Sends what is due: a delta (rate-limited), a snapshot (rarely); schedules the rest. */
  tick(): void {
    if (this.finished) return;
    const t = this.now();
    if (t - this.lastSnapshot >= SNAPSHOT_MS) { this.snapshot(true); return; }
    if (t - this.lastDelta >= DELTA_MS) this.sendDelta(t);
    if (!this.timer && (this.pending.size > 0 || this.progressDirty)) {
      this.timer = setTimeout(() => { this.timer = undefined; this.tick(); }, DELTA_MS);
    }
  }

  /** The current picture, downsampled for storage. */
  payload(running: boolean): ChartPayload {
    let total = 0, kept = 0;
    const series = this.series.map((s) => {
      total += s.x.length;
      const d = downsample(s.x, s.y, STORED_POINTS);
      kept += d.x.length;
      return { ...s, x: d.x, y: d.y.map(clean) };
    });
    const p: ChartPayload = { version: 1, ...this.base, series, live: { displayId: this.displayId, seq: this.seq, running } };
    if (this.progress) p.progress = this.progress;
    if (kept < total) p.downsampledFrom = total;
    return p;
  }

  /** Replaces the output with the final picture; later points are ignored. */
  finish(): void {
    if (this.finished) return;
    this.open?.delete(this);
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    if (this.sink.update && (this.pending.size > 0 || this.progressDirty)) this.sendDelta(this.now(), true);
    this.finished = true;
    this.snapshot(false);
  }

  /** Shows the chart now (the first picture). */
  show(): this {
    this.snapshot(true);
    return this;
  }

  private snapshot(running: boolean): void {
    const t = this.now();
    // Deltas first, so the snapshot's seq covers every point in it.
    if (this.sink.update && (this.pending.size > 0 || this.progressDirty)) this.sendDelta(t);
    this.pending.clear();
    this.progressDirty = false;
    this.lastSnapshot = t;
    this.sink.display([{ mime: MIME.nnbook('chart'), data: JSON.stringify(this.payload(running)) }], this.displayId);
  }

  private sendDelta(t: number, done = false): void {
    this.lastDelta = t;
    if (!this.sink.update) return; // snapshots only
    const append: Series[] = [];
    for (const [s, p] of this.pending) append.push({ name: s.name, x: p.x, y: p.y.map(clean), ...(s.panel !== undefined ? { panel: s.panel } : {}), ...(s.dash ? { dash: true } : {}) });
    this.pending.clear();
    const delta: ChartDelta = { seq: ++this.seq, append };
    if (this.progressDirty && this.progress) delta.progress = this.progress;
    if (done) delta.done = true;
    this.progressDirty = false;
    this.sink.update(this.displayId, delta);
  }
}

/** JSON has no NaN: a gap in a series is sent as null. */
function clean(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}
