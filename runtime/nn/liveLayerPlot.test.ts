import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createNn } from './createNn';
import { LIVE_SNAPSHOT_MS, liveSnapshotPlot } from './liveLayerPlot';
import { OpenOutputs } from './DisplaySink';
import { payloadOf, recordingSink } from './testSink';
import { FitCallbackList, markLogsOnly } from '../fast/fitCallbackList';

describe('live heatmap / decision boundary (model.fit callbacks)', () => {
  before(async () => { await tf.setBackend('cpu'); });

  const data = () => {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.2], [0.2, 0.8], [0.9, 0.1], [0.7, 0.7]]);
    const y = tf.tensor2d([[0], [1], [1], [0], [1], [1], [1], [0]]);
    return { x, y };
  };
  const makeModel = () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy' });
    return model;
  };

  it('heatmap(layer, { every }): a model.fit callback that redraws the same display with fresh weights, final picture at cell end, no leaks', async () => {
    const sink = recordingSink();
    const nn = createNn({ tf, ...sink });
    const { x, y } = data();
    const model = makeModel();
    const before = tf.memory().numTensors;
    const live = nn.plot.heatmap(model.layers[0], { every: 2 });
    assert.equal(sink.displays.length, 1);
    assert.equal(sink.displays[0].displayId, live.displayId);
    const first = payloadOf(sink.displays[0]);
    assert.deepEqual([first.rows, first.cols], [2, 4]);
    // typed as model.fit's callbacks, beside nn.fitCallbacks()
    await model.fit(x, y, { epochs: 3, batchSize: 2, verbose: 0, callbacks: [nn.fitCallbacks(), live] });
    const heat = sink.displays.filter((d) => d.displayId === live.displayId);
    assert.ok(heat.length >= 2, `redrawn after training (${heat.length} pictures)`);
    const last = payloadOf(heat[heat.length - 1]);
    const w = Array.from(model.layers[0].getWeights()[0].dataSync());
    last.values.forEach((v: number, i: number) => assert.ok(Math.abs(v - w[i]) < 1e-6));
    assert.notDeepEqual(last.values, first.values, 'the weights moved');
    const n = sink.displays.length;
    nn.endCell();
    assert.equal(sink.displays.length, n + 1);
    assert.equal(sink.displays[n].displayId, live.displayId);
    assert.deepEqual(payloadOf(sink.displays[n]).values, last.values);
    nn.endCell();
    assert.equal(sink.displays.length, n + 1, 'finished once');
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    model.dispose(); x.dispose(); y.dispose();
  });

  it('redraws every N batches, at most once per LIVE_SNAPSHOT_MS, reading asynchronously', async () => {
    const sink = recordingSink();
    let t = 0, asyncReads = 0;
    const open = new OpenOutputs();
    const live = liveSnapshotPlot(sink, 'heatmap', async () => { asyncReads++; return { v: asyncReads }; }, () => ({ v: 'sync' }), 3, open, () => t);
    assert.equal(sink.displays.length, 1);
    for (let b = 0; b < 12; b++) { t += 100; await live.onBatchEnd(b); }
    // batches 3, 6, 9, 12 at t = 300, 600, 900, 1200: 300 (first), 900 (≥ 500 ms later); 600 and 1200 too soon
    assert.equal(asyncReads, 2);
    assert.equal(sink.displays.length, 3);
    await live.onTrainEnd();
    assert.equal(asyncReads, 3, 'the last batches are drawn when training ends');
    open.finishAll();
    assert.deepEqual(payloadOf(sink.displays[sink.displays.length - 1]), { v: 'sync' });
    assert.ok(sink.displays.every((d) => d.displayId === live.displayId));
    await live.onBatchEnd(99);
    assert.equal(asyncReads, 3, 'nothing after the cell ends');
    assert.throws(() => liveSnapshotPlot(sink, 'heatmap', async () => 0, () => 0, 0), /every/);
  });

  it('decisionBoundary(model, x, y, { every }): live vega picture of the predicted regions, no leaks', async () => {
    const sink = recordingSink();
    const nn = createNn({ tf, ...sink });
    const { x, y } = data();
    const model = makeModel();
    const before = tf.memory().numTensors;
    const live = nn.plot.decisionBoundary(model, x, y, { every: 1, resolution: 10 });
    await new Promise((r) => setTimeout(r, LIVE_SNAPSHOT_MS + 10));
    await model.fit(x, y, { epochs: 2, batchSize: 4, verbose: 0, callbacks: [live] });
    const shown = sink.displays.filter((d) => d.displayId === live.displayId);
    assert.ok(shown.length >= 2);
    for (const d of shown) {
      assert.equal(d.items[0].mime, 'application/vnd.nnbook.vega+json');
      assert.equal(payloadOf(d).spec.layer[0].data.values.length, 100);
    }
    nn.endCell();
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    model.dispose(); x.dispose(); y.dispose();
  });

  it('on the fast fit path, redraws exactly when it asked for the weights first, even if the clock moved in between', async () => {
    const sink = recordingSink();
    let t = 1000, reads = 0, syncs = 0;
    const live = liveSnapshotPlot(sink, 'heatmap', async () => { reads++; return {}; }, () => ({}), 1, undefined, () => t);
    // a callback before it takes 200 ms of the clock: asked at 1600 (not due), it would run at 1800 (due)
    const slow = markLogsOnly({ onBatchEnd: async () => { t += 200; } });
    const list = new FitCallbackList(tf, [slow, live], new tf.History());
    for (let b = 0; b < 8; b++) await list.fire('onBatchEnd', () => { syncs++; }, b, { batch: b, size: 1 });
    assert.ok(reads >= 2, `${reads} redraws`);
    assert.equal(reads, syncs, 'one weight write-back per redraw, none without');
    await list.fire('onTrainEnd', () => { syncs++; }, {});
    assert.equal(reads, syncs, 'the final redraw too');
  });
});
