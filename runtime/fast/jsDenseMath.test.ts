import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { assertAllClose } from '../backend/testSupport';
import type { DenseActivation, DenseLoss } from './densePlan';
import { activationBackward, biasActivation, lossAndOutputGrad } from './jsDenseMath';

function randoms(n: number, seed: number, scale = 2): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; out[i] = (s / 4294967296 - 0.5) * scale; }
  return out;
}

const TF_LOSS: Record<DenseLoss, (y: tf.Tensor, p: tf.Tensor) => tf.Tensor> = {
  meanSquaredError: (y, p) => tf.losses.meanSquaredError(y, p, undefined, tf.Reduction.NONE).mean(),
  binaryCrossentropy: (y, p) => tf.metrics.binaryCrossentropy(y, p).mean(),
  categoricalCrossentropy: (y, p) => tf.metrics.categoricalCrossentropy(y, p).mean(),
  // tfjs-layers' sparse loss is one-hot + this (losses.ts); it is not exported on its own
  sparseCategoricalCrossentropy: (y, p) => tf.metrics.categoricalCrossentropy(tf.oneHot(tf.cast(y.flatten(), 'int32'), p.shape[1] as number), p).mean(),
};

const TF_ACT: Record<DenseActivation, (z: tf.Tensor) => tf.Tensor> = {
  linear: (z) => z, relu: (z) => tf.relu(z), sigmoid: (z) => tf.sigmoid(z), tanh: (z) => tf.tanh(z), softmax: (z) => tf.softmax(z),
};

describe('jsDenseMath: the hand-written output gradient against tfjs autodiff', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  const cases: [DenseLoss, DenseActivation][] = [
    ['meanSquaredError', 'linear'], ['meanSquaredError', 'sigmoid'], ['meanSquaredError', 'tanh'], ['meanSquaredError', 'relu'],
    ['binaryCrossentropy', 'sigmoid'], ['categoricalCrossentropy', 'softmax'], ['sparseCategoricalCrossentropy', 'softmax'],
  ];
  for (const [loss, act] of cases) {
    it(`${loss} after ${act}: loss and dL/dz equal tf.grad's`, () => {
      const m = 6, n = loss === 'binaryCrossentropy' || act !== 'softmax' ? 3 : 4;
      const z = randoms(m * n, 7);
      const sparse = loss === 'sparseCategoricalCrossentropy';
      const labels = Array.from(randoms(m, 9, 1), (v) => Math.floor((v + 0.5) * n));
      const y = sparse ? Float32Array.from(labels)
        : loss === 'categoricalCrossentropy' ? Float32Array.from({ length: m * n }, (_, i) => (labels[Math.floor(i / n)] === i % n ? 1 : 0))
        : loss === 'binaryCrossentropy' ? Float32Array.from(randoms(m * n, 11, 1), (v) => (v > 0 ? 1 : 0))
        : randoms(m * n, 13);
      const before = tf.memory().numTensors;
      const [expectedLoss, expectedGrad] = tf.tidy(() => {
        const zt = tf.tensor2d(z, [m, n]);
        const yt = sparse ? tf.tensor2d(y, [m, 1]) : tf.tensor2d(y, [m, n]);
        const f = (zz: tf.Tensor) => TF_LOSS[loss](yt, TF_ACT[act](zz)) as tf.Scalar;
        return [f(zt).dataSync()[0], tf.grad(f)(zt).dataSync() as Float32Array];
      });
      assert.equal(tf.memory().numTensors, before);
      const p = Float32Array.from(z);
      biasActivation(p, m, n, null, act);
      const dz = new Float32Array(m * n);
      const r = lossAndOutputGrad(loss, act, null, p, y, m, n, dz);
      assert.ok(Math.abs(r.loss - expectedLoss) < 1e-5 * (1 + Math.abs(expectedLoss)), `loss ${r.loss} vs ${expectedLoss}`);
      assertAllClose(dz, expectedGrad, 1e-5, 'dL/dz');
    });
  }

  it("activationBackward: tanh, sigmoid and relu derivatives from the activation's output", () => {
    const z = randoms(20, 3);
    for (const act of ['tanh', 'sigmoid', 'relu'] as DenseActivation[]) {
      const a = Float32Array.from(z);
      biasActivation(a, 1, 20, null, act);
      const d = new Float32Array(20).fill(1);
      activationBackward(act, a, d, 20);
      const expected = tf.tidy(() => tf.grad((x: tf.Tensor) => TF_ACT[act](x).sum())(tf.tensor1d(z)).dataSync() as Float32Array);
      assertAllClose(d, expected, 1e-5, act);
    }
  });
});
