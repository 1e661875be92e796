import { heatmapData } from './heatmapData';
import type { TensorPayload } from './payloads';

/** Tensors up to this many values are shown as a table. */
export const TABLE_MAX = 200;
const HISTOGRAM_BINS = 30;

/** What tensorPayload needs of a tf.Tensor (duck-typed, so this module needs no tfjs import). */
export interface TensorLike {
  dtype: string;
  shape: number[];
  size: number;
  isDisposed: boolean;
  dataSync(): ArrayLike<number | string | boolean | Uint8Array>;
}

/**
 * The `tensor` payload for a tensor: dtype, shape and stats; the values as a table when
 * small, a heatmap for a larger 2-D tensor, a histogram for a larger one. Reads the
 * values once (dataSync): showing a tensor is an explicit, once-per-call request.
 *
 * @example
 * tensorPayload(tf.tensor([[1, 2], [3, 4]])) // { version: 1, dtype: 'float32', shape: [2, 2], values: [1, 2, 3, 4], … }
 */
export function tensorPayload(t: TensorLike): TensorPayload {
  const base: TensorPayload = { version: 1, dtype: t.dtype, shape: [...t.shape], size: t.size };
  if (t.isDisposed) return { ...base, disposed: true };
  const raw = t.dataSync();
  if (t.dtype === 'string') {
    const strings = Array.from(raw as ArrayLike<Uint8Array | string>, (v) => (typeof v === 'string' ? v : new TextDecoder().decode(v)));
    return t.size <= TABLE_MAX ? { ...base, values: strings } : base;
  }
  if (t.dtype === 'complex64') return base; // interleaved re/im: shown as text instead
  const data = raw as ArrayLike<number>;
  const payload: TensorPayload = { ...base, stats: stats(data) };
  if (t.size <= TABLE_MAX) {
    payload.values = Array.from(data, (v) => (t.dtype === 'bool' ? v !== 0 : Number.isFinite(v) ? v : null));
    return payload;
  }
  if (t.shape.length === 2 && t.shape[0] > 1 && t.shape[1] > 1) {
    payload.heatmap = heatmapData(data, t.shape[0], t.shape[1], { scale: 'diverging', rowTitle: 'row', colTitle: 'column' });
  }
  if (payload.stats && payload.stats.max > payload.stats.min) payload.histogram = histogram(data, payload.stats.min, payload.stats.max);
  return payload;
}

function stats(data: ArrayLike<number>): TensorPayload['stats'] {
  let min = Infinity, max = -Infinity, sum = 0, n = 0, nonFinite = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) { nonFinite++; continue; }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v; n++;
  }
  if (n === 0) return undefined;
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) sq += (data[i] - mean) ** 2;
  return { min, max, mean, std: Math.sqrt(sq / n), nonFinite };
}

function histogram(data: ArrayLike<number>, min: number, max: number): TensorPayload['histogram'] {
  const width = (max - min) / HISTOGRAM_BINS;
  const count = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isFinite(v)) continue;
    count[Math.min(HISTOGRAM_BINS - 1, Math.floor((v - min) / width))]++;
  }
  return { x0: count.map((_, i) => min + i * width), x1: count.map((_, i) => min + (i + 1) * width), count };
}
