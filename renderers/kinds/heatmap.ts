import type { HeatmapPayload } from '../../runtime/display/payloads';
import { el, fmt } from '../dom';
import type { Theme } from '../theme';
import { int, num, numArray, obj, oneOf, optStr, PayloadError, version1 } from '../validate';
import { drawVega } from '../vegaView';
import type { Kind } from './Kind';

const MAX_CELLS = 40_000;

export function validateHeatmap(json: unknown, path = 'payload'): HeatmapPayload {
  const p = obj(json, path);
  version1(p);
  const rows = int(p.rows, `${path}.rows`, 1), cols = int(p.cols, `${path}.cols`, 1);
  if (rows * cols > MAX_CELLS) throw new PayloadError(`${path}: ${rows}×${cols} cells; at most ${MAX_CELLS} are drawn`);
  const values = numArray(p.values, `${path}.values`, true);
  if (values.length !== rows * cols) throw new PayloadError(`${path}.values: ${values.length} values for ${rows}×${cols} cells`);
  oneOf(p.scale, `${path}.scale`, ['diverging', 'sequential'] as const);
  num(p.min, `${path}.min`); num(p.max, `${path}.max`);
  optStr(p.title, `${path}.title`); optStr(p.rowTitle, `${path}.rowTitle`); optStr(p.colTitle, `${path}.colTitle`);
  return p as unknown as HeatmapPayload;
}

/** The Vega-Lite spec of a heatmap: one rect per cell; diverging colours are centred at 0. */
export function heatmapSpec(p: HeatmapPayload, theme: Theme): Record<string, unknown> {
  const values: { r: number; c: number; v: number | null }[] = [];
  for (let r = 0; r < p.rows; r++) for (let c = 0; c < p.cols; c++) values.push({ r, c, v: p.values[r * p.cols + c] });
  const m = Math.max(Math.abs(p.min), Math.abs(p.max)) || 1;
  const scale = p.scale === 'diverging'
    ? { domain: [-m, 0, m], range: theme.diverging, interpolate: 'rgb' }
    : { domain: [p.min, p.max === p.min ? p.min + 1 : p.max], range: [theme.bg, theme.palette[0]], interpolate: 'rgb' };
  const cell = Math.max(3, Math.min(24, Math.floor(480 / Math.max(p.rows, p.cols))));
  const axis = (n: number) => ({ labels: n <= 32, ticks: n <= 32, labelOverlap: true });
  return {
    data: { values },
    width: cell * p.cols, height: cell * p.rows,
    ...(p.title ? { title: p.title } : {}),
    mark: { type: 'rect' },
    // Cells with no value (NaN) keep their rect, in the background colour.
    encoding: {
      x: { field: 'c', type: 'ordinal', title: p.colTitle ?? null, axis: axis(p.cols) },
      y: { field: 'r', type: 'ordinal', title: p.rowTitle ?? null, axis: axis(p.rows) },
      color: { condition: { test: 'datum.v === null', value: theme.bg }, field: 'v', type: 'quantitative', title: null, scale },
      tooltip: [{ field: 'r', title: 'row' }, { field: 'c', title: 'col' }, { field: 'v', title: 'value', format: '.4~g' }],
    },
    config: { view: { stroke: null } },
  };
}

/**
 * Draws a heatmap payload (weights, gradients, a 2-D tensor); used by `tensor` too.
 *
 * @example
 * await drawHeatmap(root, payload, theme);
 */
export async function drawHeatmap(root: HTMLElement, p: HeatmapPayload, theme: Theme) {
  const box = el('div', { class: 'nnbook-heatmap-chart' });
  root.append(box);
  if (p.downsampledFrom) root.append(el('div', { class: 'note' }, `block-averaged from ${p.downsampledFrom[0]}×${p.downsampledFrom[1]} to ${p.rows}×${p.cols}`));
  root.append(el('div', { class: 'note' }, `min ${fmt(p.min)} · max ${fmt(p.max)}${p.scale === 'diverging' ? ' · colour centred at 0' : ''}`));
  return drawVega(box, heatmapSpec(p, theme), theme, 'vega-lite');
}

export const heatmapKind: Kind<HeatmapPayload> = {
  validate: (json) => validateHeatmap(json),
  async draw(root, payload, env) {
    const r = await drawHeatmap(root, payload, env.theme);
    return { dispose: () => r.finalize() };
  },
};
