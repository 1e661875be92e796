import * as tf from '@tensorflow/tfjs';
import { strict as assert } from 'assert';
import { toClasses } from './toNumbers';

describe('toClasses', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('reads a [n, 1] binary target as its value, not as one-hot rows', () => {
    const before = tf.memory().numTensors;
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    assert.deepEqual(toClasses(y), [0, 1, 1, 0]);
    assert.deepEqual(toClasses([[0], [1], [0.9], [0.2]]), [0, 1, 1, 0]);
    y.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it('takes one-hot rows by argmax and flat labels as they are', () => {
    const oneHot = tf.tensor2d([[0, 1, 0], [1, 0, 0], [0, 0, 1]]);
    assert.deepEqual(toClasses(oneHot), [1, 0, 2]);
    assert.deepEqual(toClasses([2, 0, 1]), [2, 0, 1]);
    const flat = tf.tensor1d([1, 0]);
    assert.deepEqual(toClasses(flat), [1, 0]);
    flat.dispose();
    oneHot.dispose();
  });
});
