import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createData } from '../data/createData';
import { createTeach } from './createTeach';
import { unseed } from './seed';

describe('teach/createTeach + data/createData: the bound nn API', () => {
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { baseline = tf.memory().numTensors; });
  afterEach(() => { unseed(); assert.equal(tf.memory().numTensors, baseline, 'tensors leaked'); });

  it('a lesson: seed, data, train, gradCheck, check — prints one ✓ line', async () => {
    const lines: string[] = [];
    const nn = { ...createTeach(tf, (l) => lines.push(l)), data: createData(tf) };
    nn.seed(1);
    const { x, y } = nn.data.xor();
    const w = tf.tidy(() => tf.variable(tf.randomNormal([2, 1]), true, 'w'));
    const r = nn.gradCheck(() => tf.losses.meanSquaredError(y, tf.sigmoid(x.matMul(w))) as tf.Scalar, [w]);
    nn.check(r.pass, 'gradients agree', { maxRelError: r.maxRelError });
    assert.match(lines[0], /^✓ gradients agree \(maxRelError=/);
    assert.throws(() => nn.check(false, 'never', { a: 1 }), /✗ never \(a=1\)/);
    await assert.rejects(nn.data.mnist(), /no digits file/);
    tf.dispose([x, y, w]);
  });

  it('trace prints each step\'s lines when no trace renderer is given', () => {
    const lines: string[] = [];
    const nn = createTeach(tf, (l) => lines.push(l));
    const t = nn.trace([{ W: [[0.5], [-0.5]], b: [0], activation: 'sigmoid' }], [[1, 0]], [[1]]);
    t.back();
    assert.equal(lines.length, 2);
    assert.match(lines[0], /loss \(mse\) = /);
    assert.match(lines[1], /dL\/dW1 = a0ᵀ · dL\/dz1/);
  });
});
