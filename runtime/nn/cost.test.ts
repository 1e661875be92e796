import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { A100, costOf, layerFlops, showCost, si } from './cost';
import { createNn } from './createNn';
import { recordingSink } from './testSink';

describe('nn.cost (real tfjs layers, cpu)', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });

  const keep: tf.LayersModel[] = [];
  afterEach(() => { keep.splice(0).forEach((m) => m.dispose()); assert.equal(tf.memory().numTensors, baseline); });
  const built = (layers: tf.layers.Layer[]) => { const m = tf.sequential({ layers }); keep.push(m); return m; };

  it('Dense 3→4→1, worked by hand: 2·in·out + out per layer', () => {
    const m = built([tf.layers.dense({ inputShape: [3], units: 4, activation: 'relu' }), tf.layers.dense({ units: 1 })]);
    const r = costOf(m, { samples: 10, epochs: 5 });
    // layer 1: 2·3·4 + 4 = 28; layer 2: 2·4·1 + 1 = 9
    assert.deepEqual(r.layers.map((l) => l.flops), [28, 9]);
    assert.equal(r.forwardFlops, 37);
    assert.equal(r.trainFlopsPerSample, 3 * 37);
    assert.equal(r.flopsPerEpoch, 3 * 37 * 10);
    assert.equal(r.totalFlops, 3 * 37 * 10 * 5);
    assert.equal(r.params, m.countParams());
    assert.equal(r.params, 3 * 4 + 4 + 4 + 1);
  });

  it('Dense without bias: 2·in·out only', () => {
    const m = built([tf.layers.dense({ inputShape: [5], units: 2, useBias: false })]);
    assert.equal(costOf(m, { samples: 1 }).forwardFlops, 2 * 5 * 2);
  });

  it('Conv2D 3×3, 2→4 channels on 6×6, valid padding, counted by hand; max pooling', () => {
    const m = built([
      tf.layers.conv2d({ inputShape: [6, 6, 2], filters: 4, kernelSize: 3 }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3 }),
    ]);
    const r = costOf(m, { samples: 1 });
    // conv: output 4×4 pixels × 4 filters; each output = 3·3·2 multiply-adds + 1 bias
    const conv = 4 * 4 * 4 * (2 * 3 * 3 * 2 + 1);
    // pool: output 2×2×4 values, each the max of a 2×2 window (4 values read)
    const pool = 2 * 2 * 4 * 4;
    const dense = 2 * 16 * 3 + 3;
    assert.deepEqual(r.layers.map((l) => l.flops), [conv, pool, 0, dense]);
    assert.equal(r.params, m.countParams());
  });

  it('Conv2D with same padding and stride 2 counts output pixels', () => {
    const m = built([tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 2, kernelSize: 3, strides: 2, padding: 'same' })]);
    assert.equal(costOf(m, { samples: 1 }).forwardFlops, 4 * 4 * 2 * (2 * 9 + 1));
  });

  it('SimpleRNN, GRU, LSTM: steps × (2·(kernel + recurrent kernel) + bias); params equal countParams', () => {
    const steps = 5, f = 3, u = 4;
    for (const [make, gates] of [[tf.layers.simpleRNN, 1], [tf.layers.gru, 3], [tf.layers.lstm, 4]] as const) {
      const m = built([make({ inputShape: [steps, f], units: u }), tf.layers.dense({ units: 1 })]);
      const r = costOf(m, { samples: 2 });
      assert.equal(r.layers[0].flops, steps * (2 * (f * gates * u + u * gates * u) + gates * u), r.layers[0].className);
      assert.equal(r.params, m.countParams());
    }
  });

  it('an RNN without a fixed sequence length is reported, not guessed', () => {
    const m = built([tf.layers.lstm({ inputShape: [null, 2], units: 3 })]);
    const r = costOf(m, { samples: 1 });
    assert.equal(r.layers[0].flops, null);
    assert.match(r.layers[0].note!, /sequence length unknown/);
    assert.deepEqual(r.uncounted, [`${m.layers[0].name} (LSTM)`]);
  });

  it('an unknown layer kind is named in the output and left out of the totals', () => {
    const m = built([tf.layers.dense({ inputShape: [4], units: 4 }), tf.layers.reshape({ targetShape: [2, 2, 1] }), tf.layers.upSampling2d({ size: [2, 2] })]);
    const r = costOf(m, { samples: 1 });
    assert.equal(r.layers[2].flops, null);
    assert.match(r.layers[2].note!, /cannot count a UpSampling2D layer/);
    assert.equal(r.forwardFlops, 2 * 4 * 4 + 4);
    assert.match(r.text, /NOT counted .*UpSampling2D/);
    assert.match(r.text, /\(at least\)/);
  });

  it('dropout and activation layers are named as not counted, with 0 FLOPs', () => {
    const m = built([tf.layers.dense({ inputShape: [2], units: 2 }), tf.layers.activation({ activation: 'relu' }), tf.layers.dropout({ rate: 0.5 })]);
    const flops = m.layers.map((l) => layerFlops(l));
    assert.deepEqual(flops.slice(1).map((x) => [x.flops, x.note]), [[0, 'element-wise, not counted'], [0, 'element-wise, not counted']]);
  });

  it('energy: watts × seconds, with the assumption printed; A100 time from its assumed throughput', () => {
    const m = built([tf.layers.dense({ inputShape: [2], units: 8 }), tf.layers.dense({ units: 1 })]);
    const r = costOf(m, { samples: 4, epochs: 100, seconds: 2 });
    assert.equal(r.joules, 15 * 2);
    assert.equal(r.flopsPerSecond, r.totalFlops / 2);
    assert.equal(r.a100.seconds, r.totalFlops / (A100.peakFlops * A100.utilisation));
    assert.equal(r.a100.joules, r.a100.seconds * A100.watts);
    assert.match(r.text, /assuming a 15 W computer fully busy for the measured 2 s/);
    assert.match(r.text, /A100 .* at 40% utilisation and 300 W/);
    assert.match(r.text, /training ≈ 3 × forward/);
    assert.equal(costOf(m, { samples: 4, seconds: 2, watts: 45 }).joules, 90);
    assert.match(costOf(m, { samples: 4 }).text, /pass \{ seconds \}/);
  });

  it('bad input gets a clear error', () => {
    const m = built([tf.layers.dense({ inputShape: [2], units: 1 })]);
    assert.throws(() => costOf(m, { samples: 0 }), /samples must be a positive whole number, got 0/);
    assert.throws(() => costOf(m, { samples: 4, epochs: 1.5 }), /epochs must be a positive whole number/);
    assert.throws(() => costOf(m, { samples: 4, seconds: -1 }), /seconds must be a positive number/);
    assert.throws(() => costOf({} as tf.LayersModel, { samples: 4 }), /expected a tfjs model/);
    assert.throws(() => costOf(m, undefined as never), /expected options/);
  });

  it('showCost shows the table as text/plain and marks the report as shown', () => {
    const m = built([tf.layers.dense({ inputShape: [2], units: 2 })]);
    const sink = recordingSink();
    const r = showCost(sink, m, { samples: 4, epochs: 10 });
    assert.equal(sink.displays.length, 1);
    assert.equal(sink.displays[0].items[0].mime, 'text/plain');
    assert.equal(sink.displays[0].items[0].data, r.text);
    assert.match(r.text, /^layer +kind +params +forward FLOPs\/sample/);
    assert.equal(r[Symbol.for('nnbook.shown') as never], true);
  });

  it('nn.cost is wired into nn: shows the table, returns the report', () => {
    const m = built([tf.layers.dense({ inputShape: [2], units: 3 }), tf.layers.dense({ units: 1 })]);
    const sink = recordingSink();
    const r = createNn({ tf, ...sink }).cost(m, { samples: 4, epochs: 2 });
    assert.equal(r.forwardFlops, (2 * 2 * 3 + 3) + (2 * 3 + 1));
    assert.deepEqual(sink.displays.map((d) => d.items.map((i) => i.mime)), [['text/plain']]);
  });

  it('si: readable magnitudes', () => {
    assert.deepEqual([si(0), si(37), si(1234), si(2.5e9, 'FLOP'), si(1.5e-7, 's')], ['0', '37', '1.23 k', '2.5 GFLOP', '1.50e-7 s']);
  });
});
