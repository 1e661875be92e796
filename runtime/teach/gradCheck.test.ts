import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mlp231 } from '../../test/fixtures/teach/mlp231';
import { compareGradients } from './compareGradients';
import { gradCheck } from './gradCheck';

describe('teach/gradCheck (cpu, float32)', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });
  afterEach(() => { assert.equal(tf.memory().numTensors, baseline, 'tensors leaked'); });

  it('autodiff of a 2-3-1 sigmoid MLP MSE passes: max relative error < 1e-3 at ε = 1e-2', () => {
    const m = mlp231(tf);
    const before = m.params.W1.dataSync().slice();
    const r = gradCheck(tf, m.loss, m.params);
    assert.equal(r.epsilon, 1e-2);
    assert.ok(r.pass, JSON.stringify(r));
    assert.ok(r.maxRelError < 1e-3, String(r.maxRelError));
    assert.deepEqual(r.params.map((p) => [p.name, p.shape, p.checked]), [['W1', [2, 3], 6], ['b1', [3], 3], ['W2', [3, 1], 3], ['b2', [1], 1]]);
    for (const p of r.params) assert.ok(p.maxAbsError < 1e-4, `${p.name} ${p.maxAbsError}`);
    assert.deepEqual(m.params.W1.dataSync(), before, 'parameters restored exactly');
    m.dispose();
  });

  it('why ε = 1e-2: smaller steps drown in float32 rounding (1e-3 already fails here)', () => {
    const m = mlp231(tf);
    const err = (epsilon: number) => gradCheck(tf, m.loss, m.params, { epsilon }).maxRelError;
    const [e2, e3, e5] = [err(1e-2), err(1e-3), err(1e-5)];
    m.dispose();
    assert.ok(e2 < e3 && e3 < e5, `${e2} ${e3} ${e5}`);
    assert.ok(e3 > 1e-3 && e5 > 0.1, `${e3} ${e5}`);
  });

  it('accepts an array of variables (names from the variables) and a layers model', () => {
    const m = mlp231(tf);
    const r = gradCheck(tf, m.loss, [m.params.W2, m.params.b2]);
    assert.deepEqual(r.params.map((p) => p.name), ['W2', 'b2']);
    m.dispose();
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })] });
    const x = tf.tensor2d([[0, 1], [1, 0], [0.5, 0.2]]), y = tf.tensor2d([[1], [0], [0.3]]);
    const r2 = gradCheck(tf, () => tf.losses.meanSquaredError(y, model.predict(x) as tf.Tensor) as tf.Scalar, model);
    assert.equal(r2.params.length, 4);
    assert.ok(r2.pass, JSON.stringify(r2));
    x.dispose(); y.dispose(); model.dispose();
  });

  it('a wrong gradient fails: the curriculum bug (sigmoid′ of z instead of a) is caught', () => {
    const m = mlp231(tf);
    const { value, grads } = tf.variableGrads(m.loss, Object.values(m.params));
    value.dispose();
    const auto = { W1: grads.W1, b1: grads.b1, W2: grads.W2, b2: grads.b2 };
    const good = m.backward(false), bad = m.backward(true);
    const ok = compareGradients(good, auto);
    assert.ok(ok.pass, JSON.stringify(ok));
    assert.ok(ok.maxRelError < 1e-5);
    const wrong = compareGradients(bad, auto);
    assert.equal(wrong.pass, false);
    assert.ok(wrong.maxRelError > 0.1, String(wrong.maxRelError));
    assert.ok(wrong.params.every((p) => p.maxRelError > 1e-3), 'every layer is off');
    tf.dispose([good, bad, grads] as never);
    m.dispose();
  });

  it('hand-written gradients: the right backward pass passes gradCheck, the buggy one fails', () => {
    const m = mlp231(tf);
    const good = m.backward(false), bad = m.backward(true);
    const ok = gradCheck(tf, m.loss, m.params, { grads: good });
    assert.ok(ok.pass && ok.maxRelError < 1e-3, JSON.stringify(ok));
    const wrong = gradCheck(tf, m.loss, m.params, { grads: bad });
    assert.equal(wrong.pass, false);
    assert.ok(wrong.maxRelError > 0.1);
    const badShape = tf.zeros([1, 3]);
    assert.throws(() => gradCheck(tf, m.loss, m.params, { grads: { ...good, W2: badShape } }), /W2.*\[1,3\].*\[3,1\]/);
    tf.dispose([good, bad, badShape] as never);
    m.dispose();
  });

  it('a wrong-shaped weight gradient is rejected, not broadcast', () => {
    const a = tf.zeros([3, 1]), b = tf.zeros([1, 3]);
    assert.throws(() => compareGradients({ W2: a }, { W2: b }), /shape \[3,1\].*\[1,3\]/);
    tf.dispose([a, b]);
  });

  it('NaN in a gradient fails', () => {
    const a = tf.tensor1d([NaN, 1]), b = tf.tensor1d([0, 1]);
    assert.equal(compareGradients([a], [b]).pass, false);
    tf.dispose([a, b]);
  });
});
