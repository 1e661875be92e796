import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { seed, unseed } from '../teach/seed';
import { noisySeries, sine, windows } from './series';
import { circles, moons, spirals, xor } from './toy2d';
import { expectedFlow, traffic } from './traffic';

const arr = (t: tf.Tensor) => Array.from(t.dataSync());

describe('data: toy sets, series, traffic (seeded, offline)', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });
  afterEach(() => { unseed(); assert.equal(tf.memory().numTensors, baseline, 'tensors leaked'); });

  it('xor: the truth table', () => {
    const d = xor(tf);
    assert.deepEqual([arr(d.x), arr(d.y)], [[0, 0, 0, 1, 1, 0, 1, 1], [0, 1, 1, 0]]);
    tf.dispose(d);
  });

  for (const [name, make] of [['moons', moons], ['circles', circles], ['spirals', spirals]] as const) {
    it(`${name}: shapes, balanced classes, same seed → same data, other seed → other data, nn.seed covers it`, () => {
      const a = make(tf, { n: 101, seed: 1 }), b = make(tf, { n: 101, seed: 1 }), c = make(tf, { n: 101, seed: 2 });
      assert.deepEqual([a.x.shape, a.y.shape], [[101, 2], [101, 1]]);
      assert.deepEqual(arr(a.x), arr(b.x));
      assert.notDeepEqual(arr(a.x), arr(c.x));
      const ones = arr(a.y).filter((v) => v === 1).length;
      assert.ok(ones === 50 || ones === 51, String(ones));
      assert.ok(arr(a.x).every(Number.isFinite));
      seed(3); const d = make(tf, { n: 50 }); seed(3); const e = make(tf, { n: 50 });
      assert.deepEqual(arr(d.x), arr(e.x));
      tf.dispose([a, b, c, d, e]);
    });
  }

  it('circles: class 1 is the inner circle; spirals with 3 classes', () => {
    const d = circles(tf, { n: 200, noise: 0, factor: 0.5, seed: 1 });
    const x = arr(d.x), y = arr(d.y);
    y.forEach((c, i) => assert.ok(Math.abs(Math.hypot(x[2 * i], x[2 * i + 1]) - (c === 1 ? 0.5 : 1)) < 1e-5));
    const s = spirals(tf, { n: 300, classes: 3, seed: 1 });
    assert.deepEqual([...new Set(arr(s.y))].sort(), [0, 1, 2]);
    tf.dispose([d, s]);
  });

  it('sine: noiseless is sin(x); noisy has the asked spread', () => {
    const a = sine(tf, { n: 50 });
    arr(a.x).forEach((x, i) => assert.ok(Math.abs(Math.sin(x) - arr(a.y)[i]) < 1e-6));
    const b = sine(tf, { n: 2000, noise: 0.1, seed: 1 });
    const xs = arr(b.x), res = arr(b.y).map((y, i) => y - Math.sin(xs[i]));
    const sd = Math.sqrt(res.reduce((s, r) => s + r * r, 0) / res.length);
    assert.ok(Math.abs(sd - 0.1) < 0.01, String(sd));
    tf.dispose([a, b]);
  });

  it('noisySeries + windows: shapes, time-ordered split, naive forecast = last input', () => {
    const { series } = noisySeries(tf, { n: 200, seed: 1 });
    const again = noisySeries(tf, { n: 200, seed: 1 }).series, other = noisySeries(tf, { n: 200, seed: 2 }).series;
    assert.deepEqual(arr(again), arr(series));
    assert.notDeepEqual(arr(other), arr(series));
    tf.dispose([again, other]);
    const w = windows(tf, series, { lookback: 10, testFraction: 0.25 });
    const m = 200 - 10;
    assert.deepEqual([w.xTrain.shape, w.xTest.shape, w.yTest.shape], [[m - 48, 10, 1], [48, 10, 1], [48, 1]]);
    const s = arr(series);
    assert.equal(arr(w.yTest)[0], s[m - 48 + 10]);
    assert.equal(arr(w.naiveTest)[0], s[m - 48 + 9]);
    assert.deepEqual(arr(w.xTest).slice(0, 10), s.slice(m - 48, m - 48 + 10));
    assert.throws(() => windows(tf, [1, 2, 3], { lookback: 5 }), /too short/);
    tf.dispose([series, w]);
  });

  it('traffic: daily and weekly cycles, rush hours, deterministic by seed', () => {
    const t = traffic(tf, { days: 28, seed: 1 });
    assert.equal(t.stepsPerDay, 24);
    assert.deepEqual(t.flow.shape, [672]);
    const f = arr(t.flow);
    assert.ok(f.every((v) => v >= 0 && Number.isFinite(v)));
    const again = traffic(tf, { days: 28, seed: 1 }).flow, other = traffic(tf, { days: 28, seed: 2 }).flow;
    assert.deepEqual(arr(again), f);
    assert.notDeepEqual(arr(other), f);
    tf.dispose([again, other]);
    const meanAt = (pred: (day: number, h: number) => boolean) => {
      const v = f.filter((_, i) => pred(Math.floor(i / 24), i % 24));
      return v.reduce((s, x) => s + x, 0) / v.length;
    };
    const weekday = (d: number) => d % 7 < 5;
    assert.ok(meanAt((d, h) => weekday(d) && h === 8) > 2 * meanAt((d, h) => weekday(d) && h === 11), 'morning rush');
    assert.ok(meanAt((d, h) => weekday(d) && h === 3) < 200, 'quiet night');
    assert.ok(meanAt((d, h) => !weekday(d) && h === 8) < 0.5 * meanAt((d, h) => weekday(d) && h === 8), 'weekend has no rush hour');
    assert.ok(expectedFlow(4, 17.5) > expectedFlow(0, 17.5), 'Friday evening busier');
    const q = traffic(tf, { days: 2, stepMinutes: 15, seed: 1 });
    assert.deepEqual([q.flow.shape, q.hours[1]], [[192], 0.25]);
    tf.dispose([t.flow, q.flow]);
  });
});
