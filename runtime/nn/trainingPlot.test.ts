import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createNn } from './createNn';
import { downsample } from './downsample';
import { LiveChart, STORED_POINTS } from './LiveChart';
import { payloadOf, recordingSink } from './testSink';

describe('live charts', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('LiveChart bounds its rates: ≤ 1 delta per 50 ms, ≤ 1 snapshot per second, then the final picture', () => {
    let now = 0;
    const sink = recordingSink();
    const chart = new LiveChart(sink, { mark: 'line', x: {}, y: {} }, () => now).show();
    for (let i = 0; i < 5000; i++) { now = i; chart.add('loss', i, 1 / (i + 1)); chart.tick(); } // 5 s, a point a ms
    chart.finish();
    assert.ok(sink.updates.length <= 5000 / 50 + 2, `${sink.updates.length} deltas`);
    assert.ok(sink.updates.length >= 5000 / 50 - 10, `${sink.updates.length} deltas`);
    assert.ok(sink.displays.length <= 5 + 2, `${sink.displays.length} snapshots`);
    assert.ok(sink.displays.every((d) => d.displayId === chart.displayId));
    const seqs = sink.updates.map((u) => u.delta.seq);
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1));
    const points = sink.updates.reduce((n, u) => n + u.delta.append[0].x.length, 0);
    assert.equal(points, 5000, 'every point goes out in exactly one delta');
    const last = payloadOf(sink.displays[sink.displays.length - 1]);
    assert.deepEqual(last.live, { displayId: chart.displayId, seq: seqs.length, running: false });
    assert.equal(last.series[0].y.length, STORED_POINTS);
    assert.equal(last.downsampledFrom, 5000);
    // Each snapshot's seq covers the points it holds.
    for (const d of sink.displays) {
      const p = payloadOf(d);
      const sent = sink.updates.filter((u) => u.delta.seq <= p.live.seq).reduce((n, u) => n + u.delta.append[0].x.length, 0);
      if (p.downsampledFrom === undefined) assert.equal(p.series[0]?.x.length ?? 0, sent, `snapshot at seq ${p.live.seq}`);
    }
  });

  it('without an update channel it sends snapshots only', () => {
    let now = 0;
    const sink = recordingSink(false);
    const chart = new LiveChart(sink, { mark: 'line', x: {}, y: {} }, () => now).show();
    for (let i = 0; i < 3000; i++) { now = i; chart.add('a', i, i); chart.tick(); }
    chart.finish();
    assert.equal(sink.updates.length, 0);
    assert.ok(sink.displays.length >= 3 && sink.displays.length <= 6);
    assert.equal(payloadOf(sink.displays[sink.displays.length - 1]).series[0].x.length, 2000);
  });

  it('downsample keeps ≤ max points, the ends and the peaks', () => {
    const x = Array.from({ length: 10000 }, (_, i) => i);
    const y = x.map((i) => (i === 4321 ? 100 : Math.sin(i / 500)));
    const d = downsample(x, y, 2000);
    assert.equal(d.x.length, 2000);
    assert.deepEqual([d.x[0], d.x[1999]], [0, 9999]);
    assert.ok(d.y.includes(100), 'the spike survives');
    assert.deepEqual(downsample([1, 2], [3, 4], 2000), { x: [1, 2], y: [3, 4] });
  });

  it('plot.loss(): numbers and scalar tensors (read asynchronously, no tensor left), panels per metric, finished at cell end', async () => {
    const sink = recordingSink();
    const nn = createNn({ tf, ...sink });
    const baseline = tf.memory().numTensors;
    const chart = nn.plot.loss();
    for (let i = 0; i < 5; i++) {
      const loss = tf.scalar(1 / (i + 1));
      chart.push({ loss, acc: i / 5, val_loss: 2 / (i + 1) });
      loss.dispose(); // the caller may dispose at once: the chart holds its own reference
    }
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(tf.memory().numTensors, baseline);
    nn.endCell();
    const last = payloadOf(sink.displays[sink.displays.length - 1]);
    assert.equal(last.live.running, false);
    assert.deepEqual(last.series.map((s: any) => [s.panel, s.name, s.y.length]).sort(), [['acc', 'train', 5], ['loss', 'train', 5], ['loss', 'validation', 5]]);
    assert.deepEqual(last.series.find((s: any) => s.panel === 'loss' && s.name === 'train').y, [1, 0.5, 1 / 3, 0.25, 0.2].map((v) => Math.fround(v)));
    const n = sink.displays.length;
    nn.endCell();
    assert.equal(sink.displays.length, n, 'finished once');
  });

  it('fitCallbacks(): every metric per batch and epoch, train and validation, progress; no tensor read or leak of its own', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 4, activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
    const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5], [0.2, 0.8]]);
    const ys = tf.tensor2d([[0], [1], [1], [0], [0], [1], [1], [0], [1], [1]]);
    // What the kernel's patchFit adds to every fit: a plain per-batch callback (so tfjs resolves the logs anyway).
    const plain = { onBatchEnd: async () => undefined };
    const counted = async (callbacks: unknown[]) => {
      const proto = tf.Tensor.prototype as any;
      const calls = { dataSync: 0, data: 0, arraySync: 0 };
      const orig = { dataSync: proto.dataSync, data: proto.data, arraySync: proto.arraySync };
      proto.dataSync = function (...a: unknown[]) { calls.dataSync++; return orig.dataSync.apply(this, a); };
      proto.data = function (...a: unknown[]) { calls.data++; return orig.data.apply(this, a); };
      proto.arraySync = function (...a: unknown[]) { calls.arraySync++; return orig.arraySync.apply(this, a); };
      try { await model.fit(xs, ys, { epochs: 3, batchSize: 4, validationSplit: 0.2, callbacks: callbacks as never }); } finally { Object.assign(proto, orig); }
      return calls;
    };
    await counted([plain]); // warm up (optimizer state, compiled functions)
    const tensors0 = tf.memory().numTensors;
    const without = await counted([plain]);
    const tensors1 = tf.memory().numTensors;
    const sink = recordingSink();
    const nn = createNn({ tf, ...sink });
    const withNn = await counted([nn.fitCallbacks(), plain]);
    assert.equal(tf.memory().numTensors - tensors1, tensors1 - tensors0, 'no tensor kept by the callbacks');
    assert.deepEqual(withNn, without, 'no tensor read of its own');
    const snapshots = sink.displays;
    assert.ok(snapshots.length >= 2);
    assert.ok(snapshots.every((d) => d.displayId === snapshots[0].displayId));
    const last = payloadOf(snapshots[snapshots.length - 1]);
    assert.equal(last.live.running, false);
    const names = last.series.map((s: any) => `${s.panel}/${s.name}:${s.y.length}`).sort();
    // 8 training samples, batch 4 → 2 batches an epoch, 3 epochs
    assert.deepEqual(names, ['acc/train (batch):6', 'acc/train (epoch):3', 'acc/validation:3', 'loss/train (batch):6', 'loss/train (epoch):3', 'loss/validation:3']);
    assert.deepEqual(last.series.find((s: any) => s.name === 'train (batch)').x, [0.5, 1, 1.5, 2, 2.5, 3]);
    assert.deepEqual([last.progress.epoch, last.progress.epochs, last.progress.batch, last.progress.batches, last.progress.samples, last.progress.done], [3, 3, 2, 2, 24, true]);
    assert.ok(last.logToggle);
    const deltaPoints = sink.updates.reduce((n, u) => n + u.delta.append.reduce((m: number, s: any) => m + s.x.length, 0), 0);
    assert.equal(deltaPoints, 24, 'every point also went out live');
    xs.dispose(); ys.dispose(); model.dispose();
  });
});
