import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { confusionPayload } from './confusion';

describe('confusionPayload', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('counts plain class indices, with as many classes as names', () => {
    const p = confusionPayload(tf, [0, 1, 2, 2, 1, 0], [0, 1, 1, 2, 1, 0], { classNames: ['cat', 'dog', 'owl'] });
    assert.deepStrictEqual(p.labels, ['cat', 'dog', 'owl']);
    assert.deepStrictEqual(p.matrix, [[2, 0, 0], [0, 2, 0], [0, 1, 1]]);
    assert.strictEqual(p.accuracy, 5 / 6);
  });

  it('takes one-hot / probability rows as tensors and leaks nothing', () => {
    const base = tf.memory().numTensors;
    const yTrue = tf.tensor2d([[1, 0], [0, 1], [0, 1]]);
    const yPred = tf.tensor2d([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]]);
    const p = confusionPayload(tf, yTrue, yPred);
    tf.dispose([yTrue, yPred]);
    assert.deepStrictEqual(p.matrix, [[1, 0], [1, 1]]);
    assert.strictEqual(tf.memory().numTensors, base);
  });
});
