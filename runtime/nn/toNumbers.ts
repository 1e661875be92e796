import type * as tfjs from '@tensorflow/tfjs';

/** Numbers, a typed array or a tensor: whatever a cell has at hand for a series. */
export type Numeric = number[] | Float32Array | Int32Array | Uint8Array | Float64Array | tfjs.Tensor;

export function isTensor(v: unknown): v is tfjs.Tensor {
  return typeof v === 'object' && v !== null && typeof (v as tfjs.Tensor).dataSync === 'function' && Array.isArray((v as tfjs.Tensor).shape);
}

/**
 * A flat array of numbers from a Numeric (a tensor is read once; plotting is an
 * explicit request, never per batch).
 *
 * @example
 * toNumbers(tf.tensor1d([1, 2])) // [1, 2]
 */
export function toNumbers(v: Numeric | readonly number[], what = 'values'): number[] {
  if (isTensor(v)) {
    if (v.isDisposed) throw new Error(`${what}: the tensor is disposed`);
    return Array.from(v.dataSync() as ArrayLike<number>, Number);
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<number>, Number);
  throw new TypeError(`${what}: expected an array of numbers or a tensor, got ${typeof v}`);
}

/** Rows of a 2-D input ([n, k] tensor or number[][]). */
export function toRows(v: tfjs.Tensor | number[][], what = 'values'): number[][] {
  if (isTensor(v)) {
    if (v.rank !== 2) throw new Error(`${what}: expected a 2-D tensor, got shape [${v.shape.join(',')}]`);
    const flat = v.dataSync() as ArrayLike<number>;
    const [n, k] = v.shape;
    return Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => flat[i * k + j]));
  }
  if (Array.isArray(v) && v.every(Array.isArray)) return v.map((r) => r.map(Number));
  throw new TypeError(`${what}: expected a 2-D tensor or an array of rows`);
}

/**
 * Class indices from labels: integer labels as they are, one-hot rows by argmax, and a
 * one-column [n, 1] label (a binary target, as `y` for a sigmoid output) as its value.
 */
export function toClasses(v: Numeric | number[][]): number[] {
  const rows = isTensor(v) && v.rank === 2 ? toRows(v) : Array.isArray(v) && v.length > 0 && Array.isArray(v[0]) ? (v as number[][]) : undefined;
  if (rows) return rows.map((r) => (r.length === 1 ? Math.round(r[0]) : argmax(r)));
  return toNumbers(v as Numeric).map((x) => Math.round(x));
}

function argmax(row: number[]): number {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}
