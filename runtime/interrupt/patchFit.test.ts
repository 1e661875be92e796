import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { fastFitControl } from '../fast/fastFitControl';
import { InterruptSignal } from './InterruptSignal';
import { patchFit } from './patchFit';

function xorModel(optimizer: tf.Optimizer | string = tf.train.sgd(1)): tf.Sequential {
  const m = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [2], units: 3, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  ] });
  m.compile({ optimizer, loss: 'meanSquaredError' });
  return m;
}

describe('patchFit: model.fit through the fast path, interruptible either way', function () {
  this.timeout(60_000);
  const signal = new InterruptSignal();
  let x: tf.Tensor2D, y: tf.Tensor2D;
  before(async () => {
    getQuietCpuBackend(tf);
    await tf.setBackend('cpu');
    patchFit(tf, signal);
    x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    y = tf.tensor2d([[0], [1], [1], [0]]);
  });
  after(() => tf.dispose([x, y]));
  afterEach(() => { signal.end(); fastFitControl.enabled = true; });

  it('takes the JS fast path for XOR (2000 epochs well under a second) and returns a tf.History', async () => {
    const m = xorModel();
    const t0 = performance.now();
    const h = await m.fit(x, y, { epochs: 2000, batchSize: 4, verbose: 0 });
    const ms = performance.now() - t0;
    assert.deepEqual(fastFitControl.last, { path: 'fast-js' });
    assert.ok(h instanceof tf.History);
    assert.equal(h.history.loss.length, 2000);
    assert.ok((h.history.loss[1999] as number) < (h.history.loss[0] as number));
    assert.ok(ms < 1000, `XOR took ${ms.toFixed(0)} ms`);
    m.dispose();
  });

  it('falls back to tfjs for what it does not cover, and when opted out', async () => {
    const m = xorModel(tf.train.rmsprop(0.1));
    await m.fit(x, y, { epochs: 1, verbose: 0 });
    assert.equal(fastFitControl.last?.path, 'tfjs');
    assert.match(String(fastFitControl.last?.reason), /RMSProp/);
    m.dispose();
    const s = xorModel();
    await s.fit(x, y, { epochs: 1, verbose: 0, fast: false } as tf.ModelFitArgs);
    assert.deepEqual(fastFitControl.last, { path: 'tfjs', reason: 'fit option fast: false' });
    fastFitControl.enabled = false;
    await s.fit(x, y, { epochs: 1, verbose: 0 });
    assert.deepEqual(fastFitControl.last, { path: 'tfjs', reason: 'nn.fast is false' });
    s.dispose();
  });

  for (const fast of [true, false]) {
    it(`an interrupt stops training after the batch in progress (${fast ? 'fast path' : 'tfjs loop'})`, async () => {
      const m = xorModel();
      const xs = tf.tile(x, [16, 1]), ys = tf.tile(y, [16, 1]);
      fastFitControl.enabled = fast;
      signal.begin('cell', 0);
      let batches = 0;
      const h = await m.fit(xs, ys, { epochs: 100, batchSize: 4, shuffle: false, verbose: 0, callbacks: { onBatchEnd: async () => { if (++batches === 3) signal.request('cell'); } } });
      assert.equal(fastFitControl.last?.path, fast ? 'fast-js' : 'tfjs');
      assert.equal(batches, 3, 'no batch after the interrupt');
      assert.equal(h.history.loss.length, 1, 'one (partial) epoch logged');
      assert.throws(() => signal.check(), /Interrupted/);
      tf.dispose([xs, ys]);
      m.dispose();
    });
  }
});
