import type * as tfjs from '@tensorflow/tfjs';

/** Host copies of x and y (float32 rows; labels as numbers). */
export interface HostData {
  x: Float32Array;
  y: Float32Array | Int32Array;
  rows: number;
}

/** One dataSync of each: the only reads from the backend for a whole fit. */
export function hostData(x: tfjs.Tensor, y: tfjs.Tensor): HostData {
  const xs = x.dataSync();
  const ys = y.dataSync();
  return { x: xs instanceof Float32Array ? xs : Float32Array.from(xs as ArrayLike<number>), y: ys instanceof Int32Array ? ys : Float32Array.from(ys as ArrayLike<number>), rows: x.shape[0] };
}

/** The fraction of x's values that are not zero (1 for an empty x). */
export function nonZeroFraction(x: Float32Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) n++;
  return x.length ? n / x.length : 1;
}
