import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { currentSeed, gaussian, mulberry32, rng, seed, shuffleInPlace, unseed } from './seed';

describe('teach/seed', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });
  afterEach(() => { unseed(); assert.equal(tf.memory().numTensors, baseline, 'tensors leaked'); });

  it('mulberry32: deterministic, uniform in [0,1), different seeds differ', () => {
    const a = mulberry32(1), b = mulberry32(1), c = mulberry32(2);
    const xs = Array.from({ length: 10000 }, a);
    assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, b));
    assert.notEqual(xs[0], c());
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    assert.ok(Math.abs(mean - 0.5) < 0.01, String(mean));
    assert.notEqual(mulberry32(0)(), mulberry32(0.5)());
  });

  it('gaussian: mean ≈ 0, sd ≈ 1', () => {
    const r = mulberry32(3);
    const xs = Array.from({ length: 20000 }, () => gaussian(r));
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / xs.length);
    assert.ok(Math.abs(m) < 0.03 && Math.abs(sd - 1) < 0.03, `${m} ${sd}`);
  });

  it('seed replaces Math.random; unseed restores it; rng() follows the seed', () => {
    const original = Math.random;
    seed(5);
    assert.notEqual(Math.random, original);
    assert.equal(currentSeed(), 5);
    const first = [Math.random(), rng()()];
    seed(5);
    assert.deepEqual([Math.random(), rng()()], first);
    seed(6); // reseeding keeps the true original to restore
    unseed();
    assert.equal(Math.random, original);
    assert.equal(currentSeed(), undefined);
    assert.equal(rng(9)(), rng(9)());
    const a = [1, 2, 3, 4, 5, 6], b = [...a];
    shuffleInPlace(a, mulberry32(1)); shuffleInPlace(b, mulberry32(1));
    assert.deepEqual(a, b);
    assert.deepEqual([...a].sort(), [1, 2, 3, 4, 5, 6]);
  });

  async function run(): Promise<number[]> {
    // Unseeded initialisers, dropout and fit's shuffle: all follow Math.random.
    const model = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [2], units: 8, activation: 'relu' }),
      tf.layers.dropout({ rate: 0.3 }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ] });
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.2, 0.9]]);
    const y = tf.tensor2d([[0], [1], [1], [0], [1], [1]]);
    const h = await model.fit(x, y, { epochs: 5, batchSize: 2, shuffle: true, verbose: 0 });
    const noise = tf.randomNormal([3]);
    const out = [...(h.history.loss as number[]), ...noise.dataSync()];
    tf.dispose([x, y, noise]); model.optimizer.dispose(); model.dispose();
    return out;
  }

  it('two runs of the same model.fit after seed(1) give identical losses; seed(2) differs', async () => {
    seed(1); const a = await run();
    seed(1); const b = await run();
    seed(2); const c = await run();
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });
});
