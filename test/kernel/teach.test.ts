import * as assert from 'assert';
import type { KernelSession } from '../../src/kernel/KernelSession';
import { newSession, numTensors, ok, run } from './harness';

describe('node kernel: the teaching toolkit in cells', () => {
  let s: KernelSession;
  before(async () => { s = newSession(); await s.start(); });
  after(() => s.dispose());

  it('loads the shipped MNIST digits, split and seeded', async () => {
    const r = await ok(s, `const digits = await nn.data.mnist({ train: 800, test: 200, seed: 1 });
[digits.xTrain.shape.join('x'), digits.yTrain.shape.join('x'), digits.xTest.shape.join('x'), digits.xTrain.max().dataSync()[0] <= 1].join(' ')`);
    assert.strictEqual(r.text, "'800x784 800 200x784 true'");
    const before = await numTensors(s);
    await ok(s, 'tf.dispose(digits);');
    assert.strictEqual(await numTensors(s), before - 4);
  });

  it('nn.check prints ✓ with the numbers, or fails the cell with them', async () => {
    const good = await ok(s, "nn.check(0.004 < 0.01, 'MSE below 0.01', { mse: 0.004 });");
    assert.match(good.messages.map((m) => (m.type === 'display' ? m.items[0].data : '')).join(''), /✓ MSE below 0.01 \(mse=0\.004/);
    const bad = await run(s, "nn.check(0.5 < 0.01, 'MSE below 0.01', { mse: 0.5 });");
    assert.ok(bad.result.status === 'error' && /✗ MSE below 0.01 \(mse=0\.5/.test(bad.result.message), JSON.stringify(bad.result));
  });

  it('nn.seed makes model.fit reproducible', async () => {
    const cell = `nn.seed(7);
const m = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2], activation: 'sigmoid' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const xorData = nn.data.xor();
const fitted = await m.fit(xorData.x, xorData.y, { epochs: 3, shuffle: true, verbose: 0 });
tf.dispose(xorData);
fitted.history.loss.map((l) => (l as number).toFixed(7)).join(',')`;
    const a = (await ok(s, cell)).text;
    const b = (await ok(s, cell)).text;
    assert.ok(a && a === b, `${a} vs ${b}`);
  });

  it('nn.gradCheck passes tfjs autodiff on a small network', async () => {
    const r = await ok(s, `const w = tf.variable(tf.randomNormal([2, 3], 0, 1, 'float32', 3));
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const gc = nn.gradCheck(() => tf.sigmoid(xs.matMul(w)).sum().square() as tf.Scalar, [w]);
[gc.pass, gc.maxRelError < 1e-3].join(' ')`);
    assert.strictEqual(r.text, "'true true'");
  });
});

describe('node kernel: model.fit on the fast path', () => {
  it('a Dense stack trains through it, a conv model and nn.fast = false through tfjs, each saying so in nn.lastFit', async () => {
    const s = newSession();
    try {
      await s.start();
      const r = await ok(s, `nn.seed(3);
const dense = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
dense.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
const xorSet = nn.data.xor();
const fast = await dense.fit(xorSet.x, xorSet.y, { epochs: 200, batchSize: 4, verbose: 0, callbacks: nn.fitCallbacks() });
const fastRoute = nn.lastFit!.path;
const conv = tf.sequential({ layers: [tf.layers.reshape({ targetShape: [2, 1], inputShape: [2] }), tf.layers.conv1d({ filters: 2, kernelSize: 1 }), tf.layers.flatten(), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
conv.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
await conv.fit(xorSet.x, xorSet.y, { epochs: 2, batchSize: 4, verbose: 0 });
const convRoute = nn.lastFit!;
nn.fast = false;
await dense.fit(xorSet.x, xorSet.y, { epochs: 1, batchSize: 4, verbose: 0 });
const offRoute = nn.lastFit!;
nn.fast = true;
const out = tf.tidy(() => Array.from((dense.predict(xorSet.x) as tf.Tensor).dataSync()).map(Math.round));
const loss = fast.history.loss as number[];
[fastRoute, fast.history.loss.length, loss[199] < 0.1 * loss[0], out.join(''), convRoute.path, typeof convRoute.reason, offRoute.path, offRoute.reason].join(' ')`);
      assert.strictEqual(r.text, "'fast-js 200 true 0110 tfjs string tfjs nn.fast is false'");
    } finally {
      s.dispose();
    }
  });
});
