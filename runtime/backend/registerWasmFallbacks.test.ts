import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { COMPLEX64_KERNELS, registerWasmFallbacks, unbridgedWasmKernels } from './registerWasmFallbacks';
import { assertAllClose, seededFloats, tensorCounts, useBackend } from './testSupport';

const IMAGE = [8, 8, 1];
const CLASSES = 3;

/** conv2d 3×3 ×4 → flatten → dense softmax: needs Conv2DBackpropFilter to train. */
function buildCnn(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape: IMAGE, filters: 4, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.flatten(),
      tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
  return model;
}

/** 64 images whose class is which third of the image is brightest: learnable in a few batches. */
function cnnData(): { xs: tf.Tensor4D; ys: tf.Tensor2D } {
  return tf.tidy(() => {
    const labels = Array.from({ length: 64 }, (_, i) => i % CLASSES);
    const pixels = seededFloats(64 * 64, 11).map((v, i) => {
      const [n, row] = [Math.floor(i / 64), Math.floor((i % 64) / 8)];
      return v * 0.3 + (Math.floor(row / 3) === labels[n] ? 1 : 0);
    });
    return { xs: tf.tensor4d(pixels, [64, ...IMAGE] as [number, number, number, number]), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES) as tf.Tensor2D };
  });
}

/** Gradients of a small conv loss, computed on whichever backend is active. */
function convLossGrads(): Record<string, Float32Array> {
  const vars = {
    kernel: tf.variable(tf.tensor4d(seededFloats(3 * 3 * 1 * 4, 21), [3, 3, 1, 4]), true, 'k'),
    bias: tf.variable(tf.tensor1d(seededFloats(4, 22)), true, 'b'),
    dense: tf.variable(tf.tensor2d(seededFloats(6 * 6 * 4 * CLASSES, 23), [6 * 6 * 4, CLASSES]), true, 'd'),
  };
  const x = tf.tensor4d(seededFloats(2 * 64, 24), [2, 8, 8, 1]);
  const labels = tf.oneHot(tf.tensor1d([0, 2], 'int32'), CLASSES);
  const { grads, value } = tf.variableGrads(() => {
    const hidden = tf.relu(tf.add(tf.conv2d(x, vars.kernel, 1, 'valid'), vars.bias));
    const logits = tf.matMul(tf.reshape(hidden, [2, -1]), vars.dense);
    return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
  }, Object.values(vars));
  const out: Record<string, Float32Array> = {};
  for (const [name, grad] of Object.entries(grads)) out[name] = grad.dataSync() as Float32Array;
  tf.dispose([grads, value, x, labels, Object.values(vars)] as unknown as tf.Tensor[]);
  return out;
}

describe('registerWasmFallbacks', () => {
  let bridged: string[];
  before(async () => {
    bridged = registerWasmFallbacks(tf);
    await useBackend(tf, 'wasm');
  });

  it('bridges the kernels wasm lacks, except the complex64 ones', () => {
    assert.ok(bridged.includes('Conv2DBackpropFilter'));
    assert.ok(bridged.includes('DepthwiseConv2dNativeBackpropFilter'));
    for (const name of COMPLEX64_KERNELS) assert.ok(!bridged.includes(name), name);
    assert.deepEqual(unbridgedWasmKernels(tf), [...COMPLEX64_KERNELS].sort());
    assert.throws(() => tf.complex([1], [2]), /not registered for backend 'wasm'/);
  });

  it('is idempotent and prints nothing', () => {
    const printed: unknown[] = [];
    const saved = { warn: console.warn, log: console.log };
    console.warn = console.log = (...args: unknown[]) => void printed.push(args);
    try {
      assert.deepEqual(registerWasmFallbacks(tf), bridged);
      assert.deepEqual(registerWasmFallbacks(tf), bridged);
    } finally {
      Object.assign(console, saved);
    }
    assert.deepEqual(printed, []);
  });

  it('trains a small CNN on wasm: the loss goes down', async () => {
    assert.equal(tf.getBackend(), 'wasm');
    const { xs, ys } = cnnData();
    const model = buildCnn();
    const history = await model.fit(xs, ys, { epochs: 4, batchSize: 16, shuffle: false, verbose: 0 });
    const losses = history.history.loss as number[];
    assert.ok(losses[losses.length - 1] < losses[0] * 0.8, `losses ${losses.join(', ')}`);
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('gives the same conv gradients as the CPU backend (1e-4)', async () => {
    await useBackend(tf, 'cpu');
    const onCpu = convLossGrads();
    await useBackend(tf, 'wasm');
    const onWasm = convLossGrads();
    assert.deepEqual(Object.keys(onWasm).sort(), ['b', 'd', 'k']);
    for (const name of Object.keys(onCpu)) assertAllClose(onWasm[name], onCpu[name], 1e-4, `grad ${name}`);
  });

  it('leaks nothing on either backend across repeated fits', async () => {
    const { xs, ys } = cnnData();
    const model = buildCnn();
    await model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0 }); // warm-up: optimizer slots
    const baseline = tensorCounts(tf);
    for (let i = 0; i < 5; i++) {
      await model.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0 });
      assert.deepEqual(tensorCounts(tf), baseline, `after fit ${i + 1}`);
    }
    model.dispose();
    tf.dispose([xs, ys]);
  });

  it('carries int32, string, list inputs and multiple outputs like the CPU backend', async () => {
    const run = () => {
      const outputs = tf.tidy(() => {
        const a = tf.tensor2d(seededFloats(6, 31), [2, 3]);
        const b = tf.tensor2d(seededFloats(6, 32), [3, 2]);
        const einsum = tf.einsum('ij,jk->ik', a, b); // inputs arrive as a list
        const segments = tf.unsortedSegmentSum(tf.tensor1d([1, 2, 3, 4], 'int32'), tf.tensor1d([0, 1, 0, 1], 'int32'), 2);
        const ragged = tf.raggedRange(tf.tensor1d([0, 5], 'int32'), tf.tensor1d([3, 7], 'int32'), tf.tensor1d([1, 1], 'int32'));
        const replaced = tf.string.staticRegexReplace(tf.tensor1d(['abc', 'xbz']), 'b', 'Q');
        return [einsum, segments, ragged.rtNestedSplits, ragged.rtDenseValues, replaced]; // RaggedRange: two outputs
      });
      const described = outputs.map((t) => ({ dtype: t.dtype, shape: t.shape, data: Array.from(t.dataSync() as ArrayLike<unknown>) }));
      tf.dispose(outputs);
      return described;
    };
    await useBackend(tf, 'cpu');
    const expected = run();
    await useBackend(tf, 'wasm');
    const before = tensorCounts(tf);
    const actual = run();
    assert.deepEqual(tensorCounts(tf), before);
    assertAllClose(actual[0].data as number[], expected[0].data as number[], 1e-6, 'einsum');
    assert.deepEqual(actual.slice(1), expected.slice(1));
    assert.deepEqual(actual[2].data, [0, 3, 5]);
    assert.equal(actual[4].data.length, 2);
  });

  it('works when the wasm backend is loaded before tfjs (fresh process)', function () {
    this.timeout(60000);
    const script = `
      require('@tensorflow/tfjs-backend-wasm');
      const tf = require('@tensorflow/tfjs');
      const { registerWasmFallbacks } = require(${JSON.stringify(path.join(__dirname, 'registerWasmFallbacks'))});
      const names = registerWasmFallbacks(tf);
      require('@tensorflow/tfjs-backend-wasm').setWasmPaths(${JSON.stringify(path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep)});
      tf.setBackend('wasm').then(() => {
        const g = tf.grad((w) => tf.conv2d(tf.ones([1, 4, 4, 1]), w, 1, 'valid').sum())(tf.ones([3, 3, 1, 2]));
        process.stdout.write(JSON.stringify({ names, backend: tf.getBackend(), grad: Array.from(g.dataSync()) }));
      });`;
    const out = execFileSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: path.join(__dirname, '../..'), encoding: 'utf8' });
    const result = JSON.parse(out) as { names: string[]; backend: string; grad: number[] };
    assert.deepEqual(result.names, bridged);
    assert.equal(result.backend, 'wasm');
    assert.deepEqual(result.grad, new Array(18).fill(4)); // each weight sees a 2×2 window of ones
  });
});
