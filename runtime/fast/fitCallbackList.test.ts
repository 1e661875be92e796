import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { heatmapPayload, heatmapPayloadAsync } from '../nn/heatmap';
import { liveSnapshotPlot } from '../nn/liveLayerPlot';
import { payloadOf, recordingSink } from '../nn/testSink';
import { fastFit } from './fastFit';
import { FitCallbackList, markLogsOnly, markReadsModelWhen } from './fitCallbackList';

describe('FitCallbackList: weights are written back only before an event that may read them', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  /** Fires 10 batch ends and one epoch end; returns how often `sync` ran before each kind. */
  async function syncs(callbacks: unknown): Promise<{ batch: number; epoch: number }> {
    const list = new FitCallbackList(tf, callbacks, new tf.History());
    let n = 0;
    const sync = () => { n++; };
    for (let b = 0; b < 10; b++) await list.fire('onBatchEnd', sync, b, { batch: b, size: 1, loss: 1 });
    const batch = n;
    await list.fire('onEpochEnd', sync, 0, { loss: 1 });
    return { batch, epoch: n - batch };
  }

  it('a logs-only chart beside a plain epoch callback: no write-back per batch, one per epoch', async () => {
    const chart = markLogsOnly({ onBatchEnd: async () => undefined, onEpochEnd: async () => undefined });
    assert.deepEqual(await syncs([chart, { onEpochEnd: async () => undefined }]), { batch: 0, epoch: 1 });
    assert.deepEqual(await syncs([chart]), { batch: 0, epoch: 0 });
  });

  it('a plain batch callback may read the model: one write-back per batch', async () => {
    assert.deepEqual(await syncs({ onBatchEnd: async () => undefined }), { batch: 10, epoch: 0 });
  });

  it('markReadsModelWhen: write-backs only when the callback says it is due', async () => {
    let seen = 0;
    const every3 = markReadsModelWhen({ onBatchEnd: async () => { seen++; } }, (e) => e === 'onBatchEnd' && (seen + 1) % 3 === 0);
    assert.deepEqual(await syncs([markLogsOnly({ onBatchEnd: async () => undefined }), every3]), { batch: 3, epoch: 0 });
    assert.equal(seen, 10, 'every batch still reaches the callback');
  });
});

describe('fastFit with a live heatmap every N batches', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  const makeModel = () => {
    const model = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ] });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
    return model;
  };

  /** Trains 3 epochs of 4 batches with a heatmap of layer 0 every 3 batches; its pictures and the Variable.assign count. */
  async function train(fast: boolean): Promise<{ pictures: number[][]; assigns: number }> {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.2, 0.8], [0.9, 0.1], [0.7, 0.7]]);
    const y = tf.tensor2d([[0], [1], [1], [0], [1], [1], [1], [0]]);
    const model = makeModel();
    const sink = recordingSink();
    let t = 0;
    const layer = model.layers[0];
    const live = liveSnapshotPlot(sink, 'heatmap', () => heatmapPayloadAsync(layer), () => heatmapPayload(layer), 3, undefined, () => (t += 1000));
    const proto = tf.Variable.prototype as unknown as { assign: (...a: unknown[]) => unknown };
    const assign = proto.assign;
    let assigns = 0;
    proto.assign = function (this: unknown, ...a: unknown[]) { assigns++; return assign.apply(this, a); };
    const before = tf.memory().numTensors;
    try {
      const args = { epochs: 3, batchSize: 2, shuffle: false, verbose: 0 as const, callbacks: [live] as never };
      if (fast) {
        const r = await fastFit(tf, model, x, y, args, { engine: 'js' });
        assert.notEqual(typeof r, 'string', String(r));
      } else {
        await model.fit(x, y, args);
      }
    } finally {
      proto.assign = assign;
    }
    if (fast) assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    model.dispose(); x.dispose(); y.dispose();
    return { pictures: sink.displays.map((d) => payloadOf(d).values), assigns };
  }

  it('draws the weights model.fit would show after batches 3, 6, 9, 12, and writes them back only for those redraws', async () => {
    const ref = await train(false);
    const fast = await train(true);
    assert.equal(fast.pictures.length, 5, 'the first picture and 4 redraws');
    assert.equal(ref.pictures.length, 5);
    fast.pictures.forEach((p, i) => p.forEach((v, j) => assert.ok(Math.abs(v - ref.pictures[i][j]) < 1e-5, `picture ${i} value ${j}: ${v} vs ${ref.pictures[i][j]}`)));
    // 4 variables per write-back: one before each of the 4 redraws and one at the end, not one per batch (12)
    assert.equal(fast.assigns, (4 + 1) * 4);
  });
});

describe('FitCallbackList: plain handlers are called as tfjs calls them, without its awaits', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });
  const params = { epochs: 2, initialEpoch: 0, samples: 8, steps: null as unknown as number, batchSize: 4, verbose: 1 as const, doValidation: false, metrics: ['loss'] };

  it('synchronous handlers: `this.params` as in tfjs, and no promise (no await per batch)', () => {
    const seen: unknown[] = [];
    const list = new FitCallbackList(tf, [{ onBatchEnd(this: { params: unknown }, b: number) { seen.push([b, this.params]); } }], new tf.History());
    list.setParams(params);
    assert.equal(list.fire('onBatchEnd', () => undefined, 3, { loss: 1 }), undefined);
    assert.deepEqual(seen, [[3, params]]);
  });

  it('an async handler is awaited before the next callback runs, in the order given', async () => {
    const order: string[] = [];
    const slow = { onEpochEnd: async () => { await new Promise((r) => setTimeout(r, 5)); order.push('slow'); } };
    const quick = { onEpochEnd: () => { order.push('quick'); } };
    const p = new FitCallbackList(tf, [quick, slow, quick], new tf.History()).fire('onEpochEnd', () => undefined, 0, {});
    assert.ok(p instanceof Promise);
    assert.deepEqual(order, ['quick']);
    await p;
    assert.deepEqual(order, ['quick', 'slow', 'quick']);
  });

  it("yieldEvery 'batch' keeps tfjs's CustomCallback method (it yields every batch)", async () => {
    let frames = 0;
    const list = new FitCallbackList(tf, { onBatchEnd: () => undefined, nextFrameFunc: async () => { frames++; } }, new tf.History(), 'batch');
    for (let b = 0; b < 3; b++) await list.fire('onBatchEnd', () => undefined, b, { loss: 1 });
    assert.equal(frames, 3);
  });
});
