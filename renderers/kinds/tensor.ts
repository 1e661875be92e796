import type { TensorPayload } from '../../runtime/display/payloads';
import { el, fmt } from '../dom';
import { arr, int, num, numArray, obj, PayloadError, str, version1 } from '../validate';
import { drawVega } from '../vegaView';
import { drawHeatmap, validateHeatmap } from './heatmap';
import type { Kind } from './Kind';

function validateTensor(json: unknown): TensorPayload {
  const p = obj(json, 'payload');
  version1(p);
  str(p.dtype, 'dtype');
  const shape = arr(p.shape, 'shape', 64).map((d, i) => int(d, `shape[${i}]`));
  const size = int(p.size, 'size');
  if (shape.reduce((a, b) => a * b, 1) !== size) throw new PayloadError(`size: ${size} does not match shape [${shape.join(',')}]`);
  if (p.values !== undefined) {
    const values = arr(p.values, 'values', 10_000);
    if (values.length !== size) throw new PayloadError(`values: ${values.length} values for ${size} elements`);
    values.forEach((v, i) => { if (v !== null && !['number', 'string', 'boolean'].includes(typeof v)) throw new PayloadError(`values[${i}]: expected a number, string, boolean or null`); });
  }
  if (p.stats !== undefined) { const s = obj(p.stats, 'stats'); for (const k of ['min', 'max', 'mean', 'std']) num(s[k], `stats.${k}`); }
  if (p.heatmap !== undefined) validateHeatmap(p.heatmap, 'heatmap');
  if (p.histogram !== undefined) {
    const h = obj(p.histogram, 'histogram');
    const n = numArray(h.count, 'histogram.count').length;
    if (numArray(h.x0, 'histogram.x0').length !== n || numArray(h.x1, 'histogram.x1').length !== n) throw new PayloadError('histogram: x0, x1 and count differ in length');
  }
  return p as unknown as TensorPayload;
}

/** A table of a small tensor: the last axis across, every other index down. */
function valuesTable(p: TensorPayload): HTMLTableElement {
  const values = p.values ?? [];
  const cols = p.shape.length === 0 ? 1 : p.shape[p.shape.length - 1];
  const lead = p.shape.slice(0, -1);
  const head = el('tr', {}, el('th', { class: 'label' }, ''));
  for (let c = 0; c < cols; c++) head.append(el('th', {}, String(c)));
  const body = el('tbody');
  const rows = cols === 0 ? 0 : values.length / cols;
  for (let r = 0; r < rows; r++) {
    // The row's index over the leading axes, e.g. [1, 0, :].
    let rest = r;
    const idx = lead.map((_, k) => { const stride = lead.slice(k + 1).reduce((a, b) => a * b, 1); const i = Math.floor(rest / stride); rest %= stride; return i; });
    const tr = el('tr', {}, el('th', { class: 'label' }, lead.length ? `[${[...idx, ':'].join(', ')}]` : ''));
    for (let c = 0; c < cols; c++) tr.append(el('td', {}, fmt(values[r * cols + c])));
    body.append(tr);
  }
  return el('table', { class: 'nnbook-table' }, el('thead', {}, head), body);
}

function histogramSpec(h: NonNullable<TensorPayload['histogram']>): Record<string, unknown> {
  const values = h.count.map((count, i) => ({ x0: h.x0[i], x1: h.x1[i], count }));
  return {
    data: { values }, width: 360, height: 140, title: 'histogram',
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'x0', type: 'quantitative', bin: { binned: true }, title: 'value' }, x2: { field: 'x1' },
      y: { field: 'count', type: 'quantitative', title: 'count' },
      tooltip: [{ field: 'x0', format: '.4~g' }, { field: 'x1', format: '.4~g' }, { field: 'count' }],
    },
  };
}

/**
 * Draws a tensor: dtype, shape and stats, then a table (small), a heatmap (2-D) and a
 * histogram (large), whichever the payload carries.
 */
export const tensorKind: Kind<TensorPayload> = {
  validate: validateTensor,
  async draw(root, p, env) {
    root.append(el('div', { class: 'title' }, `Tensor ${p.dtype} [${p.shape.join(', ')}]${p.disposed ? ' (disposed)' : ''}`));
    const meta = [`${fmt(p.size)} value${p.size === 1 ? '' : 's'}`];
    if (p.stats) meta.push(`min ${fmt(p.stats.min)}`, `max ${fmt(p.stats.max)}`, `mean ${fmt(p.stats.mean)}`, `std ${fmt(p.stats.std)}`);
    if (p.stats?.nonFinite) meta.push(`${fmt(p.stats.nonFinite)} NaN/∞`);
    root.append(el('div', { class: 'meta' }, meta.join(' · ')));
    const finals: (() => void)[] = [];
    if (p.values) root.append(valuesTable(p));
    if (p.heatmap) finals.push((await drawHeatmap(root, p.heatmap, env.theme)).finalize);
    if (p.histogram) {
      const box = el('div', { class: 'nnbook-histogram' });
      root.append(box);
      finals.push((await drawVega(box, histogramSpec(p.histogram), env.theme, 'vega-lite')).finalize);
    }
    return { dispose: () => finals.forEach((f) => f()) };
  },
};
