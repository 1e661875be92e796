import type { ChartPayload, Series } from '../../runtime/display/payloads';
import type { Theme } from '../theme';

/** One data row of a chart: what the vega dataset `points` holds. */
export interface Row { series: string; panel: string; x: number; y: number | null; dash: string }

/** Rows of a list of series (live deltas are turned into rows the same way). */
export function toRows(series: Series[]): Row[] {
  const rows: Row[] = [];
  for (const s of series) {
    const dash = s.dash ? 'dashed' : 'solid';
    const panel = s.panel ?? '';
    for (let i = 0; i < s.x.length; i++) rows.push({ series: s.name, panel, x: s.x[i], y: s.y[i], dash });
  }
  return rows;
}

/**
 * The Vega-Lite spec of a chart payload: one dataset named `points` (so live deltas can
 * insert into it), a line + point layer (every point is a data mark), a facet per panel
 * with independent y scales, colour per series, dashed series for derivatives or
 * validation curves.
 *
 * @example
 * chartSpec(payload, rows, { logY: false, theme })
 */
export function chartSpec(p: ChartPayload, rows: Row[], opts: { logY: boolean; theme: Theme; pointCount: number }): Record<string, unknown> {
  const panels = new Set(rows.map((r) => r.panel));
  const faceted = panels.size > 1 || (panels.size === 1 && !panels.has(''));
  const bar = p.mark === 'bar';
  const y: Record<string, unknown> = {
    field: 'y', type: 'quantitative', title: p.y.title ?? 'y',
    scale: { type: opts.logY ? 'log' : 'linear', zero: bar },
  };
  const x = bar
    ? { field: 'x', type: 'ordinal', title: p.x.title ?? 'x' }
    : { field: 'x', type: 'quantitative', title: p.x.title ?? 'x', scale: { zero: false, type: p.x.scale === 'log' ? 'log' : 'linear' } };
  const seriesNames = [...new Set(rows.map((r) => r.series))];
  const color = { field: 'series', type: 'nominal', title: null, sort: seriesNames, legend: seriesNames.length > 1 ? {} : null };
  const tooltip = [{ field: 'series', type: 'nominal' }, { field: 'x', type: 'quantitative', format: '.4~g' }, { field: 'y', type: 'quantitative', format: '.4~g' }];
  const small = opts.pointCount > 400;
  const layer: Record<string, unknown>[] = [];
  if (bar) layer.push({ mark: { type: 'bar' }, encoding: { x, y, color, tooltip } });
  else {
    if (p.mark === 'line') {
      layer.push({ mark: { type: 'line', clip: true }, encoding: { x, y, color, detail: { field: 'series' },
        strokeDash: { field: 'dash', type: 'nominal', legend: null, scale: { domain: ['solid', 'dashed'], range: [[1, 0], [5, 3]] } } } });
    }
    const size = p.mark === 'point' ? (small ? 16 : 40) : small ? 6 : 18;
    layer.push({ mark: { type: 'point', filled: true, size, opacity: p.mark === 'point' ? 0.8 : 0.9, clip: true }, encoding: { x, y, color, tooltip } });
  }
  const width = faceted ? 300 : 480, height = faceted ? 180 : 260;
  const base: Record<string, unknown> = { data: { name: 'points', values: rows } };
  // Log scales cannot show 0 or negatives: leave those points out rather than draw them at -∞.
  const filter = opts.logY ? [{ filter: 'datum.y > 0' }] : [{ filter: 'datum.y != null' }];
  if (p.title) base.title = p.title;
  if (!faceted) return { ...base, transform: filter, width, height, layer };
  return {
    ...base, transform: filter,
    facet: { field: 'panel', type: 'nominal', title: null, sort: [...panels] },
    columns: 2,
    resolve: { scale: { y: 'independent', x: 'independent' } },
    spec: { width, height, layer },
  };
}
