import type { HeatmapPayload } from './payloads';

/** Most rows or columns a heatmap keeps (bigger matrices are block-averaged). */
export const HEATMAP_MAX_SIDE = 80;

/**
 * A heatmap payload from a row-major matrix. Matrices larger than `maxSide` on a side
 * are block-averaged so the picture keeps its structure and stays drawable; the
 * payload says what shape it came from.
 *
 * @example
 * heatmapData(new Float32Array([1, -1, 0.5, 0]), 2, 2, { scale: 'diverging' })
 */
export function heatmapData(
  values: ArrayLike<number>, rows: number, cols: number,
  opts: { scale?: 'diverging' | 'sequential'; title?: string; rowTitle?: string; colTitle?: string; maxSide?: number } = {},
): HeatmapPayload {
  const maxSide = opts.maxSide ?? HEATMAP_MAX_SIDE;
  const outRows = Math.min(rows, maxSide);
  const outCols = Math.min(cols, maxSide);
  const out: (number | null)[] = new Array(outRows * outCols);
  let min = Infinity, max = -Infinity;
  for (let r = 0; r < outRows; r++) {
    const r0 = Math.floor((r * rows) / outRows), r1 = Math.floor(((r + 1) * rows) / outRows);
    for (let c = 0; c < outCols; c++) {
      const c0 = Math.floor((c * cols) / outCols), c1 = Math.floor(((c + 1) * cols) / outCols);
      let sum = 0, n = 0;
      for (let i = r0; i < r1; i++) for (let j = c0; j < c1; j++) {
        const v = values[i * cols + j];
        if (Number.isFinite(v)) { sum += v; n++; }
      }
      const v = n > 0 ? sum / n : null;
      out[r * outCols + c] = v;
      if (v !== null) { if (v < min) min = v; if (v > max) max = v; }
    }
  }
  if (min > max) { min = 0; max = 0; }
  const payload: HeatmapPayload = { version: 1, rows: outRows, cols: outCols, values: out, scale: opts.scale ?? 'diverging', min, max };
  if (opts.title) payload.title = opts.title;
  if (opts.rowTitle) payload.rowTitle = opts.rowTitle;
  if (opts.colTitle) payload.colTitle = opts.colTitle;
  if (outRows !== rows || outCols !== cols) payload.downsampledFrom = [rows, cols];
  return payload;
}
