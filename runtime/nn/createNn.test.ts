import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createNn } from './createNn';
import { payloadOf, recordingSink } from './testSink';

const TENSOR = 'application/vnd.nnbook.tensor+json';
const MODEL = 'application/vnd.nnbook.model+json';

describe('nn display API (real tfjs, cpu)', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });

  const setup = () => { const sink = recordingSink(); return { sink, nn: createNn({ tf, ...sink }) }; };

  it('show(tensor): rich item first, text/plain fallback; no tensor left behind', () => {
    const { sink, nn } = setup();
    const t = tf.tensor2d([[1, 2], [3, 4]]);
    nn.show(t);
    t.dispose();
    assert.equal(tf.memory().numTensors, baseline);
    const items = sink.displays[0].items;
    assert.deepEqual(items.map((i) => i.mime), [TENSOR, 'text/plain']);
    const p = payloadOf(sink.displays[0]);
    assert.deepEqual([p.version, p.dtype, p.shape, p.size, p.values], [1, 'float32', [2, 2], 4, [1, 2, 3, 4]]);
    assert.equal(p.stats.mean, 2.5);
  });

  it('show(large 2-D tensor): heatmap (block-averaged) and histogram instead of a table', () => {
    const { sink, nn } = setup();
    const t = tf.randomNormal([300, 100], 0, 1, 'float32', 7);
    nn.show(t);
    t.dispose();
    assert.equal(tf.memory().numTensors, baseline);
    const p = payloadOf(sink.displays[0]);
    assert.equal(p.values, undefined);
    assert.deepEqual([p.heatmap.rows, p.heatmap.cols, p.heatmap.downsampledFrom], [80, 80, [300, 100]]);
    assert.equal(p.histogram.count.reduce((a: number, b: number) => a + b, 0), 30000);
  });

  it('show(model): layers, output shapes, params and FLOPs per sample', () => {
    const { sink, nn } = setup();
    const model = tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }),
      tf.layers.flatten(), tf.layers.dense({ units: 10, activation: 'softmax' }),
    ] });
    const before = tf.memory().numTensors;
    nn.show(model);
    assert.equal(tf.memory().numTensors, before);
    const items = sink.displays[0].items;
    assert.deepEqual(items.map((i) => i.mime), [MODEL, 'text/plain']);
    const p = payloadOf(sink.displays[0]);
    assert.equal(p.totalParams, model.countParams());
    assert.deepEqual(p.layers.map((l: any) => l.outputShape), ['[null,6,6,4]', '[null,144]', '[null,10]']);
    // conv: 2·(3·3·1·4)·(6·6) = 2592; dense: 2·144·10 = 2880
    assert.deepEqual(p.layers.map((l: any) => l.flops), [2592, 0, 2880]);
    assert.equal(p.flopsPerSample, 5472);
    model.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });

  it('show(anything else): text only; a chart handle shows nothing more', () => {
    const { sink, nn } = setup();
    nn.show({ a: [1, 2] });
    assert.deepEqual(sink.displays[0].items, [{ mime: 'text/plain', data: '{ a: [ 1, 2 ] }' }]);
    const handle = nn.plot.line([1, 2, 3]);
    nn.show(handle);
    assert.equal(sink.displays.length, 2);
  });

  it('plot.line / scatter take arrays, tensors and named series', () => {
    const { sink, nn } = setup();
    const ys = tf.tensor1d([1, 4, 9]);
    nn.plot.line(ys);
    nn.plot.line([0, 1, 2], [0, 1, 4], { name: 'x²', title: 't' });
    nn.plot.line({ train: [3, 2, 1], val: { x: [0, 2], y: [3, 2] } });
    const pts = tf.tensor2d([[0, 0], [1, 1], [2, 0]]);
    nn.plot.scatter(pts, { labels: [0, 1, 0] });
    ys.dispose(); pts.dispose();
    assert.equal(tf.memory().numTensors, baseline);
    const [a, b, c, d] = sink.displays.map(payloadOf);
    assert.deepEqual(a.series, [{ name: 'y', x: [0, 1, 2], y: [1, 4, 9] }]);
    assert.deepEqual([b.title, b.series[0].name, b.series[0].y], ['t', 'x²', [0, 1, 4]]);
    assert.deepEqual(c.series.map((s: any) => [s.name, s.x.length]), [['train', 3], ['val', 2]]);
    assert.deepEqual([d.mark, d.series.map((s: any) => [s.name, s.x])], ['point', [['0', [0, 2]], ['1', [1]]]]);
    assert.ok(sink.displays.every((x) => x.displayId));
    assert.throws(() => nn.plot.line([1, 2], [1]), /2 x values but 1 y values/);
  });

  it('plot.heatmap(layer): the kernel, diverging, with its shape', () => {
    const { sink, nn } = setup();
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [3], units: 5 })] });
    const before = tf.memory().numTensors;
    nn.plot.heatmap(model.layers[0]);
    nn.plot.heatmap(model.layers[0], { weight: 1 });
    assert.equal(tf.memory().numTensors, before);
    const [k, b] = sink.displays.map(payloadOf);
    assert.deepEqual([k.rows, k.cols, k.scale, k.values.length], [3, 5, 'diverging', 15]);
    assert.deepEqual([b.rows, b.cols], [1, 5]);
    assert.match(k.title, /kernel \[3×5\]/);
    model.dispose();
  });

  it('plot.activation: f and f′ by tfjs autodiff for every named activation', () => {
    const { sink, nn } = setup();
    const at = (name: string, x: number, opts = {}) => {
      nn.plot.activation(name, { range: [-2, 2], points: 5, ...opts });
      const p = payloadOf(sink.displays[sink.displays.length - 1]);
      const i = p.series[0].x.indexOf(x);
      return [p.series[0].y[i], p.series[1].y[i]].map((v: number) => Math.round(v * 1e4) / 1e4);
    };
    assert.deepEqual(at('sigmoid', 0), [0.5, 0.25]);
    assert.deepEqual(at('tanh', 0), [0, 1]);
    assert.deepEqual(at('relu', 1), [1, 1]);
    assert.deepEqual(at('relu', -1), [0, 0]);
    assert.deepEqual(at('leakyRelu', -1), [-0.2, 0.2]);
    assert.deepEqual(at('elu', -1), [Math.round((Math.exp(-1) - 1) * 1e4) / 1e4, Math.round(Math.exp(-1) * 1e4) / 1e4]);
    assert.deepEqual(at('softplus', 0), [Math.round(Math.log(2) * 1e4) / 1e4, 0.5]);
    assert.deepEqual(at('step', 1), [1, 0]);
    assert.deepEqual(at('step', -1), [0, 0]);
    nn.plot.activation((x) => tf.square(x), { range: [-2, 2], points: 5 });
    const sq = payloadOf(sink.displays[sink.displays.length - 1]);
    assert.deepEqual(sq.series[1].y, [-4, -2, 0, 2, 4]);
    nn.plot.activation('softmax', { input: [1, 2, 3] });
    const sm = payloadOf(sink.displays[sink.displays.length - 1]);
    assert.equal(sm.mark, 'bar');
    assert.ok(Math.abs(sm.series[1].y.reduce((a: number, b: number) => a + b, 0) - 1) < 1e-6);
    assert.throws(() => nn.plot.activation('nope'), /unknown activation 'nope'/);
    assert.equal(tf.memory().numTensors, baseline);
    assert.ok(sink.displays.every((d) => d.items[0].mime === 'application/vnd.nnbook.activation+json'));
  });

  it('plot.images, plot.confusion, plot.decisionBoundary, vega', () => {
    const { sink, nn } = setup();
    const x = tf.randomUniform([6, 4, 4], 0, 1, 'float32', 3);
    const predictions = tf.oneHot([0, 1, 1, 0, 1, 2], 3);
    const yPred = tf.tensor1d([0, 2, 2, 2]);
    const mid = tf.memory().numTensors;
    nn.plot.images(x, { labels: [0, 1, 2, 0, 1, 2], predictions, classNames: ['a', 'b', 'c'], max: 5 });
    nn.plot.confusion([0, 1, 2, 2], yPred);
    assert.equal(tf.memory().numTensors, mid);
    predictions.dispose(); yPred.dispose();
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'softmax' })] });
    const pts = tf.tensor2d([[0, 0], [1, 1]]);
    const before = tf.memory().numTensors;
    nn.plot.decisionBoundary(model, pts, [0, 1], { resolution: 12 });
    assert.equal(tf.memory().numTensors, before);
    nn.vega({ mark: 'point', data: { values: [{ a: 1 }] } });
    x.dispose(); pts.dispose(); model.dispose();
    assert.equal(tf.memory().numTensors, baseline);
    const [im, cm, db, vg] = sink.displays.map(payloadOf);
    assert.deepEqual([im.images.length, im.total, im.width, im.channels], [5, 6, 4, 1]);
    assert.equal(Buffer.from(im.images[0].pixels, 'base64').length, 16);
    assert.deepEqual(im.images.map((i: any) => [i.label, i.prediction]), [['a', 'a'], ['b', 'b'], ['c', 'b'], ['a', 'a'], ['b', 'b']]);
    assert.deepEqual([cm.matrix, cm.accuracy], [[[1, 0, 0], [0, 0, 1], [0, 0, 2]], 0.75]);
    assert.equal(db.spec.layer[0].data.values.length, 144);
    assert.equal(db.spec.layer[1].data.values.length, 2);
    assert.deepEqual(vg.spec.mark, 'point');
    assert.throws(() => nn.vega('http://x' as never), /spec object/);
  });
});
