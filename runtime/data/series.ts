import type * as tfjs from '@tensorflow/tfjs';
import { gaussian, rng } from '../teach/seed';

/**
 * Samples of y = sin(x) (+ Gaussian noise) on [0, 2π·periods], for regression:
 * `{ x: [n, 1], y: [n, 1] }` float32, in x order. The caller disposes (`tf.dispose(data)`).
 *
 * @example
 * const { x, y } = nn.data.sine({ n: 100, noise: 0.1, seed: 1 });
 */
export function sine(tf: typeof tfjs, opts: { n?: number; noise?: number; periods?: number; seed?: number } = {}): { x: tfjs.Tensor2D; y: tfjs.Tensor2D } {
  const { n = 200, noise = 0, periods = 1 } = opts;
  const r = rng(opts.seed);
  const xs = new Float32Array(n), ys = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = (2 * Math.PI * periods * i) / Math.max(1, n - 1);
    ys[i] = Math.sin(xs[i]) + noise * gaussian(r);
  }
  return { x: tf.tensor2d(xs, [n, 1]), y: tf.tensor2d(ys, [n, 1]) };
}

/**
 * A noisy series with memory, for RNN lessons: two sines (periods `period` and
 * `period`·3.7), a slow trend, and AR(1) noise (each step keeps `memory` of the last
 * noise), so the past helps predict the next value. Returns `{ series: [n] }`.
 *
 * @example
 * const { series } = nn.data.noisySeries({ n: 1000, noise: 0.2, seed: 1 });
 * const w = nn.data.windows(series, { lookback: 20 });
 */
export function noisySeries(tf: typeof tfjs, opts: { n?: number; noise?: number; period?: number; memory?: number; trend?: number; seed?: number } = {}): { series: tfjs.Tensor1D } {
  const { n = 1000, noise = 0.2, period = 50, memory = 0.8, trend = 0 } = opts;
  const r = rng(opts.seed);
  const out = new Float32Array(n);
  let e = 0;
  for (let t = 0; t < n; t++) {
    e = memory * e + noise * Math.sqrt(1 - memory * memory) * gaussian(r);
    out[t] = Math.sin((2 * Math.PI * t) / period) + 0.5 * Math.sin((2 * Math.PI * t) / (period * 3.7)) + (trend * t) / n + e;
  }
  return { series: tf.tensor1d(out) };
}

export type Windows = {
  /** [m, lookback, 1] inputs for an RNN */
  xTrain: tfjs.Tensor3D; yTrain: tfjs.Tensor2D;
  xTest: tfjs.Tensor3D; yTest: tfjs.Tensor2D;
  /** the naive forecast (last value seen) for each test window: the bar to beat */
  naiveTest: tfjs.Tensor2D;
};

/**
 * Cuts a series into (lookback values → the value `horizon` steps later) windows and
 * splits them in time order: the last `testFraction` of windows are held out (no
 * shuffling across the split, so the test is the future). The caller disposes.
 *
 * @example
 * const w = nn.data.windows(series, { lookback: 20, testFraction: 0.2 });
 * await model.fit(w.xTrain, w.yTrain, { epochs: 10 });
 */
export function windows(tf: typeof tfjs, series: tfjs.Tensor | ArrayLike<number>, opts: { lookback: number; horizon?: number; testFraction?: number }): Windows {
  const { lookback, horizon = 1, testFraction = 0.2 } = opts;
  const s = 'dataSync' in series && typeof series.dataSync === 'function' ? series.dataSync() : (series as ArrayLike<number>);
  const m = s.length - lookback - horizon + 1;
  if (!Number.isInteger(lookback) || lookback < 1 || m < 2) throw new RangeError(`windows: a series of ${s.length} is too short for lookback ${lookback} + horizon ${horizon}`);
  const nTest = Math.max(1, Math.round(m * testFraction));
  const nTrain = m - nTest;
  const cut = (from: number, count: number) => {
    const x = new Float32Array(count * lookback), y = new Float32Array(count), naive = new Float32Array(count);
    for (let k = 0; k < count; k++) {
      const i = from + k;
      for (let j = 0; j < lookback; j++) x[k * lookback + j] = s[i + j];
      y[k] = s[i + lookback + horizon - 1];
      naive[k] = s[i + lookback - 1];
    }
    return { x: tf.tensor3d(x, [count, lookback, 1]), y: tf.tensor2d(y, [count, 1]), naive };
  };
  const a = cut(0, nTrain), b = cut(nTrain, nTest);
  return { xTrain: a.x, yTrain: a.y, xTest: b.x, yTest: b.y, naiveTest: tf.tensor2d(b.naive, [nTest, 1]) };
}
