import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { selectBackend } from '../backend/selectBackend';
import { fitDense, planDense } from './fitDense';

const WASM_DIR = path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** Deterministic pseudo-random floats in [0, 1). */
function floats(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return out;
}

interface Spec { units: number[]; activations: string[]; loss: string; optimizer: () => tf.Optimizer | string }

function build(spec: Spec, inputDim: number): tf.Sequential {
  const model = tf.sequential();
  spec.units.forEach((units, i) => model.add(tf.layers.dense({
    ...(i === 0 ? { inputShape: [inputDim] } : {}),
    units,
    activation: spec.activations[i] as 'relu',
    kernelInitializer: tf.initializers.glorotUniform({ seed: 10 + i }),
    biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 20 + i }),
  })));
  model.compile({ optimizer: spec.optimizer(), loss: spec.loss });
  return model;
}

function weights(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return m;
}

/** Trains two identical models, one with model.fit (no shuffle), one with fitDense; compares. */
async function compare(spec: Spec, x: tf.Tensor2D, y: tf.Tensor, epochs: number, batchSize: number, tol: number, hostBatches?: boolean) {
  const ref = build(spec, x.shape[1]);
  const fast = build(spec, x.shape[1]);
  weights(ref).forEach((w, i) => assert.equal(maxRelDiff(w, weights(fast)[i]), 0, 'both models start equal'));
  const h = await ref.fit(x, y, { epochs, batchSize, shuffle: false, verbose: 0 });
  const r = await fitDense(tf, fast, x, y, { epochs, batchSize, shuffle: false, hostBatches });
  const refLoss = h.history.loss as number[];
  assert.equal(r.loss.length, refLoss.length);
  const lossDiff = maxRelDiff(r.loss, refLoss);
  assert.ok(lossDiff < tol, `losses ${r.loss.join(', ')} vs model.fit ${refLoss.join(', ')} (max rel diff ${lossDiff})`);
  const wr = weights(ref), wf = weights(fast);
  wr.forEach((w, i) => {
    const d = maxRelDiff(wf[i], w);
    assert.ok(d < tol * 10, `weight ${i}: max rel diff ${d}`);
  });
  // No tensor left behind beyond the optimizer's own state, which the first call creates.
  const before = tf.memory().numTensors;
  await fitDense(tf, fast, x, y, { epochs: 1, batchSize, shuffle: true, hostBatches });
  assert.equal(tf.memory().numTensors, before, 'fitDense leaks no tensor');
  ref.dispose(); fast.dispose();
  return { fast: r.loss, ref: refLoss };
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fitDense on ${backend}: same training as model.fit`, function () {
    this.timeout(120_000);
    let previous = '';
    before(async () => {
      previous = tf.getBackend();
      if (backend === 'wasm') {
        const c = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR });
        assert.equal(c.backend, 'wasm', c.detail);
      } else {
        getQuietCpuBackend(tf);
        assert.equal(await tf.setBackend('cpu'), true);
      }
    });
    after(async () => { if (previous && previous !== tf.getBackend()) await tf.setBackend(previous); });

    it('MNIST-shaped 784-32-10 relu/softmax, Adam, sparse categorical cross-entropy, ragged last batch, batches cut in JS and gathered on the backend', async () => {
      const n = 300;
      const x = tf.tensor2d(floats(n * 784, 1), [n, 784]);
      const y = tf.tensor1d(Array.from(floats(n, 2), (v) => Math.floor(v * 10)), 'float32');
      for (const hostBatches of [true, false]) {
        const { fast } = await compare({ units: [32, 10], activations: ['relu', 'softmax'], loss: 'sparseCategoricalCrossentropy', optimizer: () => tf.train.adam(1e-3) }, x, y, 3, 64, 1e-5, hostBatches);
        assert.ok(fast[2] < fast[0], 'loss goes down');
      }
      tf.dispose([x, y]);
    });

    it("two hidden layers (relu, tanh), 'adam' by name (as the MNIST sample compiles), categorical cross-entropy", async () => {
      const n = 200;
      const x = tf.tensor2d(floats(n * 20, 3), [n, 20]);
      const labels = tf.tensor1d(Array.from(floats(n, 4), (v) => Math.floor(v * 4)), 'int32');
      const y = tf.oneHot(labels, 4);
      await compare({ units: [16, 8, 4], activations: ['relu', 'tanh', 'softmax'], loss: 'categoricalCrossentropy', optimizer: () => 'adam' }, x, y, 4, 32, 1e-5);
      tf.dispose([x, labels, y]);
    });

    it('XOR 2-3-1 sigmoid, SGD lr 1, mean squared error', async () => {
      const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
      const y = tf.tensor2d([[0], [1], [1], [0]]);
      await compare({ units: [3, 1], activations: ['sigmoid', 'sigmoid'], loss: 'meanSquaredError', optimizer: () => tf.train.sgd(1.0) }, x, y, 200, 4, 1e-5);
      tf.dispose([x, y]);
    });
  });
}

describe('planDense', () => {
  it('says why a model is not a supported Dense stack', () => {
    const conv = tf.sequential({ layers: [tf.layers.conv2d({ inputShape: [4, 4, 1], filters: 1, kernelSize: 2 }), tf.layers.flatten(), tf.layers.dense({ units: 2, activation: 'softmax' })] });
    conv.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    assert.match(String(planDense(conv)), /input|Conv2D/);
    const uncompiled = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2 })] });
    assert.match(String(planDense(uncompiled)), /not compiled/);
    const noSoftmax = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'relu' })] });
    noSoftmax.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    assert.match(String(planDense(noSoftmax)), /softmax/);
    const elu = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 2, activation: 'elu' })] });
    elu.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    assert.match(String(planDense(elu)), /activation elu/);
    tf.dispose([conv, uncompiled, noSoftmax, elu].flatMap((m) => m.getWeights()));
  });
});
