import type * as tfjs from '@tensorflow/tfjs';
import { gaussian, rng, shuffleInPlace } from '../teach/seed';

/**
 * 2-D classification sets. Each returns `{ x: [n, 2], y: [n, 1] }` float32 tensors, y
 * the class index (0/1, or 0..k−1 for spirals); points are shuffled. The caller owns
 * them: `tf.dispose(data)` frees both.
 */
export type Points2D = {
  x: tfjs.Tensor2D;
  y: tfjs.Tensor2D;
};

export interface Toy2DOptions {
  /** points in all (default 200) */
  n?: number;
  /** standard deviation of Gaussian noise added to each coordinate */
  noise?: number;
  /** own seed; without it the data follow nn.seed */
  seed?: number;
}

function build(tf: typeof tfjs, pts: [number, number, number][], random: () => number): Points2D {
  shuffleInPlace(pts, random);
  const x = new Float32Array(pts.length * 2), y = new Float32Array(pts.length);
  pts.forEach(([a, b, c], i) => { x[2 * i] = a; x[2 * i + 1] = b; y[i] = c; });
  return { x: tf.tensor2d(x, [pts.length, 2]), y: tf.tensor2d(y, [pts.length, 1]) };
}

/** Class sizes for n points over k classes (the first n mod k get one more). */
function perClass(n: number, k: number): number[] {
  if (!Number.isInteger(n) || n < k) throw new RangeError(`need a whole n ≥ ${k}, got ${n}`);
  return Array.from({ length: k }, (_, c) => Math.floor(n / k) + (c < n % k ? 1 : 0));
}

/**
 * The four XOR points and their labels, in truth-table order (not shuffled).
 *
 * @example
 * const { x, y } = nn.data.xor(); // x [[0,0],[0,1],[1,0],[1,1]], y [[0],[1],[1],[0]]
 */
export function xor(tf: typeof tfjs): Points2D {
  return { x: tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), y: tf.tensor2d([[0], [1], [1], [0]]) };
}

/**
 * Two interleaving half circles (sklearn's make_moons).
 *
 * @example
 * const { x, y } = nn.data.moons({ n: 300, noise: 0.1, seed: 1 });
 */
export function moons(tf: typeof tfjs, opts: Toy2DOptions = {}): Points2D {
  const { n = 200, noise = 0.1 } = opts;
  const r = rng(opts.seed);
  const [a, b] = perClass(n, 2);
  const pts: [number, number, number][] = [];
  for (let i = 0; i < a; i++) { const t = Math.PI * (a > 1 ? i / (a - 1) : 0); pts.push([Math.cos(t), Math.sin(t), 0]); }
  for (let i = 0; i < b; i++) { const t = Math.PI * (b > 1 ? i / (b - 1) : 0); pts.push([1 - Math.cos(t), 0.5 - Math.sin(t), 1]); }
  for (const p of pts) { p[0] += noise * gaussian(r); p[1] += noise * gaussian(r); }
  return build(tf, pts, r);
}

/**
 * A small circle (class 1) inside a large one (class 0); `factor` is their radius ratio.
 *
 * @example
 * const { x, y } = nn.data.circles({ n: 200, noise: 0.05, factor: 0.5, seed: 1 });
 */
export function circles(tf: typeof tfjs, opts: Toy2DOptions & { factor?: number } = {}): Points2D {
  const { n = 200, noise = 0.05, factor = 0.5 } = opts;
  const r = rng(opts.seed);
  const [outer, inner] = perClass(n, 2);
  const pts: [number, number, number][] = [];
  for (let i = 0; i < outer; i++) { const t = (2 * Math.PI * i) / outer; pts.push([Math.cos(t), Math.sin(t), 0]); }
  for (let i = 0; i < inner; i++) { const t = (2 * Math.PI * i) / inner; pts.push([factor * Math.cos(t), factor * Math.sin(t), 1]); }
  for (const p of pts) { p[0] += noise * gaussian(r); p[1] += noise * gaussian(r); }
  return build(tf, pts, r);
}

/**
 * `classes` interleaved spiral arms (the classic hard case for a linear model), radius ≤ 1.
 *
 * @example
 * const { x, y } = nn.data.spirals({ n: 300, classes: 3, noise: 0.05, seed: 1 });
 */
export function spirals(tf: typeof tfjs, opts: Toy2DOptions & { classes?: number; turns?: number } = {}): Points2D {
  const { n = 200, noise = 0.05, classes = 2, turns = 1.25 } = opts;
  const r = rng(opts.seed);
  const pts: [number, number, number][] = [];
  perClass(n, classes).forEach((m, c) => {
    for (let i = 0; i < m; i++) {
      const rad = m > 1 ? (i + 1) / m : 1;
      const t = (2 * Math.PI * c) / classes + 2 * Math.PI * turns * rad;
      pts.push([rad * Math.cos(t) + noise * gaussian(r), rad * Math.sin(t) + noise * gaussian(r), c]);
    }
  });
  return build(tf, pts, r);
}
