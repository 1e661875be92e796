import type { ChartDelta, ChartPayload, Series } from '../../runtime/display/payloads';
import { el, fmt } from '../dom';
import { arr, int, num, obj, oneOf, optStr, PayloadError, str, numArray, version1 } from '../validate';
import { drawVega, vega } from '../vegaView';
import { chartSpec, toRows, type Row } from './chartSpec';
import type { Drawn, Kind } from './Kind';
import { progressBar, validateProgress } from './progress';

const MAX_POINTS = 200_000;

export function validateSeries(v: unknown, path: string): Series[] {
  return arr(v, path, 1000).map((s, i) => {
    const o = obj(s, `${path}[${i}]`);
    str(o.name, `${path}[${i}].name`);
    optStr(o.panel, `${path}[${i}].panel`);
    const x = numArray(o.x, `${path}[${i}].x`);
    const y = numArray(o.y, `${path}[${i}].y`, true);
    if (x.length !== y.length) throw new PayloadError(`${path}[${i}]: ${x.length} x values but ${y.length} y values`);
    return o as unknown as Series;
  });
}

export function validateChart(json: unknown): ChartPayload {
  const p = obj(json, 'payload');
  version1(p);
  oneOf(p.mark, 'mark', ['line', 'point', 'bar'] as const);
  for (const a of ['x', 'y'] as const) {
    const axis = obj(p[a], a);
    optStr(axis.title, `${a}.title`);
    if (axis.scale !== undefined) oneOf(axis.scale, `${a}.scale`, ['linear', 'log'] as const);
  }
  optStr(p.title, 'title');
  const series = validateSeries(p.series, 'series');
  const points = series.reduce((n, s) => n + s.x.length, 0);
  if (points > MAX_POINTS) throw new PayloadError(`series: ${points} points; at most ${MAX_POINTS} are drawn`);
  if (p.progress !== undefined) validateProgress(p.progress, 'progress');
  if (p.live !== undefined) {
    const l = obj(p.live, 'live');
    str(l.displayId, 'live.displayId');
    int(l.seq, 'live.seq');
  }
  if (p.downsampledFrom !== undefined) num(p.downsampledFrom, 'downsampledFrom');
  return p as unknown as ChartPayload;
}

function validateDelta(v: unknown): ChartDelta {
  const d = obj(v, 'delta');
  int(d.seq, 'delta.seq', 1);
  validateSeries(d.append, 'delta.append');
  if (d.progress !== undefined) validateProgress(d.progress, 'delta.progress');
  return d as unknown as ChartDelta;
}

/**
 * Draws a chart payload (also used by `activation`): vega-lite via vega-embed, a
 * linear/log toggle where the payload asks for one, a progress bar for training runs,
 * and live deltas appended to the vega dataset as changesets.
 *
 * @example
 * await chartKind.draw(root, chartKind.validate(json), env);
 */
export const chartKind: Kind<ChartPayload> = {
  validate: validateChart,
  async draw(root, payload, env) {
    const rows: Row[] = toRows(payload.series);
    let logY = payload.y.scale === 'log';
    let running = payload.live?.running ?? false;
    let seq = payload.live?.seq ?? 0;
    let result: Awaited<ReturnType<typeof drawVega>> | undefined;
    const bar = payload.progress ? progressBar() : undefined;
    if (bar && payload.progress) { bar.set(payload.progress); root.append(bar.element); }
    const toolbar = el('div', { class: 'toolbar' });
    const logButton = el('button', { type: 'button', title: 'Switch the y axis between linear and log scale' });
    const note = el('span', { class: 'note' });
    if (payload.logToggle) toolbar.append(logButton);
    if (payload.downsampledFrom) note.textContent = `${fmt(payload.downsampledFrom)} points, stored as ${fmt(rows.length)}`;
    toolbar.append(note);
    const chartBox = el('div', { class: 'nnbook-chart' });
    root.append(toolbar, chartBox);

    // Rows from deltas wait for the next frame and go in as one changeset: a burst of deltas costs one redraw.
    let pendingRows: Row[] = [];
    let frame: number | undefined;
    const flushRows = () => {
      frame = undefined;
      const add = pendingRows;
      pendingRows = [];
      if (add.length > 0 && result) void result.view.change('points', vega.changeset().insert(add)).runAsync();
    };
    const render = async () => {
      // The new view is built from `rows`, which already holds any rows still pending.
      pendingRows = [];
      result?.finalize();
      logButton.textContent = logY ? 'y: log' : 'y: linear';
      result = await drawVega(chartBox, chartSpec(payload, rows, { logY, theme: env.theme, pointCount: rows.length }), env.theme, 'vega-lite');
    };
    logButton.addEventListener('click', () => { logY = !logY; void render(); });
    await render();

    const live = payload.live;
    const drawn: Drawn = { dispose: () => { unsubscribe?.(); if (frame !== undefined) cancelAnimationFrame(frame); result?.finalize(); } };
    let unsubscribe: (() => void) | undefined;
    if (live && running) {
      drawn.live = { displayId: live.displayId, get seq() { return seq; }, get running() { return running; } };
      unsubscribe = env.live.subscribe(live.displayId, () => seq, (raw) => {
        const delta = validateDelta(raw);
        if (delta.seq <= seq) return;
        seq = delta.seq;
        const added = toRows(delta.append);
        for (const r of added) rows.push(r);
        if (delta.progress && bar) bar.set(delta.progress);
        if (delta.done) running = false;
        for (const r of added) if (r.y !== null) pendingRows.push(r);
        if (pendingRows.length > 0 && frame === undefined) frame = requestAnimationFrame(flushRows);
      });
    }
    return drawn;
  },
};
