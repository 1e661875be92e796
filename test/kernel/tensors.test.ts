import * as assert from 'assert';
import type { KernelSession } from '../../src/kernel/KernelSession';
import { newSession, numTensors, ok } from './harness';

describe('node kernel: tensors and models', () => {
  let s: KernelSession;
  before(async () => { s = newSession(); await s.start(); });
  after(() => s.dispose());

  it('runs on the wasm backend by default', async () => {
    assert.strictEqual((await ok(s, 'tf.getBackend()')).text, "'wasm'");
  });

  it('does not grow across 100 re-runs of `const W = tf.randomNormal([784, 128])`', async () => {
    await ok(s, 'const W = tf.randomNormal([784, 128]);');
    const base = await numTensors(s);
    for (let i = 0; i < 100; i++) await ok(s, 'const W = tf.randomNormal([784, 128]);');
    assert.strictEqual(await numTensors(s), base);
  });

  it('keeps a rebound tensor alive while another binding holds it', async () => {
    await ok(s, 'const held = tf.ones([3]);\nconst alias = held;');
    await ok(s, 'const held = tf.zeros([3]);');
    assert.strictEqual((await ok(s, 'alias.isDisposed + " " + alias.sum().dataSync()[0]')).text, "'false 3'");
  });

  it('records each cell\'s tensor-count change', async () => {
    const r = await ok(s, 'const three = [tf.ones([1]), tf.ones([1]), tf.ones([1])];');
    assert.ok(r.result.status === 'ok' && r.result.tensorsDelta === 3, JSON.stringify(r.result));
  });

  it('does not grow across 20 re-runs of a cell that builds and fits a model', async () => {
    const cell = `const model = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'relu' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
const history = await model.fit(xs, ys, { epochs: 3, batchSize: 2, verbose: 0 });
history.history.loss.length`;
    assert.strictEqual((await ok(s, cell)).text, '3');
    const base = await numTensors(s);
    for (let i = 0; i < 20; i++) await ok(s, cell);
    assert.strictEqual(await numTensors(s), base);
  });

  it('trains a small CNN on the default (wasm) backend', async () => {
    const r = await ok(s, `const cnn = tf.sequential({ layers: [
  tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
  tf.layers.maxPooling2d({ poolSize: 2 }),
  tf.layers.flatten(),
  tf.layers.dense({ units: 2, activation: 'softmax' }),
] });
cnn.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
const classes = tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 2), 'int32');
// class 1 images are brighter: learnable in a few epochs
const imgs = tf.randomUniform([32, 8, 8, 1], 0, 0.5, 'float32', 1).add(classes.cast('float32').reshape([32, 1, 1, 1]).mul(0.5));
const labels = tf.oneHot(classes, 2);
const h = await cnn.fit(imgs, labels, { epochs: 5, batchSize: 8, verbose: 0 });
[tf.getBackend(), h.history.loss.length, (h.history.loss[4] as number) < (h.history.loss[0] as number)].join(' ')`);
    assert.strictEqual(r.text, "'wasm 5 true'");
  });
});

describe('node kernel: rebinding a layer weight', () => {
  it('leaves a model-owned weight alone when its name is rebound', async () => {
    const s = newSession();
    try {
      await s.start();
      await ok(s, "const owner = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [2] })] });\nconst kernelWeight = owner.layers[0].getWeights()[0];");
      await ok(s, 'const kernelWeight = tf.zeros([1]);');
      assert.strictEqual((await ok(s, '(owner.predict(tf.ones([1, 2])) as tf.Tensor).shape.join("x")')).text, "'1x2'");
    } finally {
      s.dispose();
    }
  });
});
