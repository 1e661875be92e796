import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { mlp231 } from '../../../test/fixtures/teach/mlp231';
import { formatValue } from '../../display/formatValue';
import { startTrace, type TracePayload } from './Tracer';
import type { Matrix } from './math';

const close = (a: Matrix | number[], t: tf.Tensor, tol = 1e-5) => {
  const got = (a as unknown[]).flat() as number[];
  const want = Array.from(t.dataSync());
  assert.equal(got.length, want.length);
  got.forEach((v, i) => assert.ok(Math.abs(v - want[i]) <= tol * Math.max(1, Math.abs(want[i])), `[${i}] ${v} vs ${want[i]}`));
};

describe('teach/trace: backprop one layer per call, equal to tfjs autodiff', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });
  afterEach(() => { assert.equal(tf.memory().numTensors, baseline, 'tensors leaked'); });

  it('hand-written 2-3-1 sigmoid MLP (variables): forward, two back() steps, update = autodiff + SGD', () => {
    const m = mlp231(tf);
    const { W1, b1, W2, b2 } = m.params;
    const { value, grads } = tf.variableGrads(m.loss, [W1, b1, W2, b2]);
    const shown: TracePayload[] = [];
    const src = [{ W: W1, b: b1, activation: 'sigmoid' as const, name: 'hidden' }, { W: W2, b: b2, activation: 'sigmoid' as const, name: 'output' }];
    const t = startTrace(tf, src, m.X, m.Y, { loss: 'mse', lr: 0.5 }, (p) => shown.push(p));
    const fw = tf.tidy(() => m.forward());
    close(t.forward.layers[0].z, fw.z1); close(t.forward.layers[1].a, fw.a2);
    assert.ok(Math.abs(t.forward.loss.value - value.dataSync()[0]) < 1e-6);
    const top = t.back();
    assert.deepEqual([top.layer, top.name, top.shapes.dLdW, top.shapes.dLdz], [1, 'output', [3, 1], [4, 1]]);
    close(top.dLdW, grads.W2); close(top.dLdb, grads.b2);
    assert.equal(t.done, false);
    const low = t.back();
    close(low.dLdW, grads.W1); close(low.dLdb, grads.b1);
    assert.deepEqual(low.shapes.dLdW, [2, 3]);
    assert.ok(t.done);
    assert.throws(() => t.back(), /update\(\)/);
    assert.match(top.lines[1], /dL\/dz2 = dL\/da2 ⊙ f′\(z2\);  sample 1, unit 1: .* × .* = /);
    const W1before = W1.arraySync() as Matrix;
    const expected = tf.tidy(() => W1.sub(grads.W1.mul(0.5)));
    const up = t.update();
    close(up.layers[0].Wnew, expected);
    close(W1.arraySync() as Matrix, expected); // written back into the variable
    assert.notDeepEqual(W1.arraySync(), W1before);
    assert.deepEqual(shown.map((p) => p.step), ['forward', 'backward', 'backward', 'update']);
    tf.dispose([value, expected, fw]); tf.dispose(grads);
    m.dispose();
  });

  it('a tf.sequential of Dense layers (relu → sigmoid, binary cross-entropy) matches model gradients', () => {
    const model = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [2], units: 4, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }), biasInitializer: tf.initializers.constant({ value: 0.1 }) }),
      tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ] });
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tf.tensor2d([[0], [1], [1], [0]]);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => tf.losses.sigmoidCrossEntropy(y, tf.tidy(() => {
      // logits, so tfjs computes BCE stably; same gradient as BCE on the sigmoid output
      const h = tf.relu(x.matMul(vars[0]).add(vars[1]));
      return h.matMul(vars[2]).add(vars[3]);
    })) as tf.Scalar, vars);
    const t = startTrace(tf, model, x, y, { loss: 'binaryCrossentropy', lr: 0.1 });
    assert.ok(Math.abs(t.forward.loss.value - value.dataSync()[0]) < 1e-5, `${t.forward.loss.value} ${value.dataSync()[0]}`);
    const up = t.update();
    close(t.steps[0].dLdW, grads[vars[2].name]);
    close(t.steps[1].dLdW, grads[vars[0].name]);
    close(t.steps[1].dLdb, grads[vars[1].name]);
    const k = model.layers[0].getWeights()[0];
    close(up.layers[0].Wnew, k);
    tf.dispose([x, y, value]); tf.dispose(grads);
    model.dispose();
  });

  it('a drawn step is not shown again as a cell\'s last value; undrawn payloads still are', () => {
    const src = [{ W: [[0.5], [-0.5]], b: [0], activation: 'sigmoid' as const }];
    const shown: TracePayload[] = [];
    const t = startTrace(tf, src, [[1, 0]], [[1]], {}, (p) => shown.push(p));
    const step = t.back();
    assert.equal(formatValue(t), undefined);
    assert.equal(formatValue(step), undefined);
    assert.equal(formatValue(t.update()), undefined);
    // The mark is invisible to JSON and to deep equality.
    assert.equal(JSON.stringify(shown[1]), JSON.stringify({ ...step }));
    assert.deepStrictEqual(Object.keys(step), Object.keys({ ...step }));
    const quiet = startTrace(tf, [{ W: [[0.5], [-0.5]], b: [0] }], [[1, 0]], [[1]]);
    assert.ok(formatValue(quiet.back()), 'without a display the payload is an ordinary value');
  });

  it('rejects layers it cannot trace', () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })] });
    assert.throws(() => startTrace(tf, model, [[0, 1]], [[1, 0]]), /softmax/);
    model.dispose();
  });
});
