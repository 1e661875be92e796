import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { check, CheckError, formatNumber, formatNumbers } from './check';

describe('teach/check', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('passes: prints one ✓ line with the numbers and returns it', () => {
    const lines: string[] = [];
    const r = check(0.004 < 0.01, 'XOR learned: MSE < 0.01', { mse: 0.0041234, epochs: 300 }, (l) => lines.push(l));
    assert.deepEqual(lines, ['✓ XOR learned: MSE < 0.01 (mse=0.004123, epochs=300)']);
    assert.equal(r.line, lines[0]);
    assert.equal(r.pass, true);
  });

  it('fails: throws a CheckError whose message has the numbers, prints nothing', () => {
    const lines: string[] = [];
    assert.throws(() => check(0.9 >= 0.94, 'MNIST accuracy ≥ 0.94', { accuracy: 0.9 }, (l) => lines.push(l)),
      (e: unknown) => e instanceof CheckError && e.message === '✗ MNIST accuracy ≥ 0.94 (accuracy=0.9)' && (e.numbers as any).accuracy === 0.9);
    assert.deepEqual(lines, []);
  });

  it('formats numbers: arrays, one number, none, tiny, tensors (no tensor kept)', () => {
    assert.equal(formatNumbers(), '');
    assert.equal(formatNumbers(3), ' (3)');
    assert.equal(formatNumbers([1, 0.5]), ' (1, 0.5)');
    assert.equal(formatNumber(1.234e-7), '1.234e-7');
    assert.equal(formatNumber(NaN), 'NaN');
    const base = tf.memory().numTensors;
    const t = tf.scalar(0.25);
    assert.equal(formatNumbers({ loss: t }), ' (loss=0.25)');
    t.dispose();
    assert.equal(tf.memory().numTensors, base);
  });
});
