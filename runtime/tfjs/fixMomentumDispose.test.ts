import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'assert';
import { fixMomentumDispose } from './fixMomentumDispose';

describe('fixMomentumDispose', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('a disposed momentum optimizer leaves no tensor behind, after steps too', () => {
    fixMomentumDispose(tf);
    fixMomentumDispose(tf); // twice is harmless
    const before = tf.memory().numTensors;
    const init = tf.tensor1d([1, 2]);
    const w = tf.variable(init);
    init.dispose();
    const opt = tf.train.momentum(0.1, 0.9);
    for (let i = 0; i < 3; i++) tf.dispose(opt.minimize(() => w.square().sum() as tf.Scalar, true) ?? []);
    opt.dispose();
    w.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it('plain SGD and Adam still dispose as before', () => {
    const before = tf.memory().numTensors;
    const init = tf.tensor1d([1]);
    const w = tf.variable(init);
    init.dispose();
    for (const opt of [tf.train.sgd(0.1), tf.train.adam(0.1)]) {
      tf.dispose(opt.minimize(() => w.square().sum() as tf.Scalar, true) ?? []);
      opt.dispose();
    }
    w.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
});
