import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { assertAllClose, seededFloats } from '../backend/testSupport';
import { adamArena } from './adamArena';

/** Lengths that are not multiples of 4: the SIMD loop runs over each array's padding. */
const SIZES = [7, 3, 10, 1];
const LR = 0.01, B1 = 0.9, B2 = 0.999, EPS = 1e-7;

/** tfjs's own Adam on the same values, `steps` times with the same gradients each step. */
function tfjsAdam(steps: number, grads: Float32Array[]): { w: Float32Array[]; m: Float32Array[]; v: Float32Array[] } {
  const vars = SIZES.map((n, i) => tf.variable(tf.tensor1d(seededFloats(n, 10 + i)), true, `w${i}`));
  const opt = tf.train.adam(LR, B1, B2, EPS);
  for (let s = 0; s < steps; s++) tf.tidy(() => opt.applyGradients(vars.map((v, i) => ({ name: v.name, tensor: tf.tensor1d(grads[i]) }))));
  const state = opt as unknown as { accumulatedFirstMoment: { variable: tf.Variable }[]; accumulatedSecondMoment: { variable: tf.Variable }[] };
  const out = {
    w: vars.map((v) => v.dataSync() as Float32Array),
    m: state.accumulatedFirstMoment.map((s) => s.variable.dataSync() as Float32Array),
    v: state.accumulatedSecondMoment.map((s) => s.variable.dataSync() as Float32Array),
  };
  opt.dispose();
  tf.dispose(vars);
  return out;
}

describe('adamArena: Adam over every parameter at once', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  it('runs in WebAssembly SIMD here (Node 20 has it)', () => {
    assert.equal(adamArena([5]).simd, true);
    assert.equal(adamArena([5], { simd: false }).simd, false);
  });

  for (const simd of [true, false]) {
    it(`${simd ? 'SIMD' : 'JS'}: 5 steps give tfjs's weights and moments; padding stays 0`, () => {
      const grads = SIZES.map((n, i) => seededFloats(n, 20 + i));
      const want = tfjsAdam(5, grads);
      const arena = adamArena(SIZES, { simd });
      SIZES.forEach((_, i) => { arena.w[i].set(seededFloats(SIZES[i], 10 + i)); arena.g[i].set(grads[i]); });
      let acc1 = 1, acc2 = 1;
      for (let s = 0; s < 5; s++) {
        acc1 = Math.fround(acc1 * B1);
        acc2 = Math.fround(acc2 * B2);
        arena.adam(B1, B2, -LR / Math.fround(1 - acc1), 1 / Math.sqrt(Math.fround(1 - acc2)), EPS);
      }
      SIZES.forEach((_, i) => {
        assertAllClose(arena.w[i], want.w[i], 1e-6, `w${i}`);
        assertAllClose(arena.m[i], want.m[i], 1e-6, `m${i}`);
        assertAllClose(arena.v[i], want.v[i], 1e-6, `v${i}`);
      });
      // the float after each array (padding, or the next region's start) is untouched
      const after = new Float32Array(arena.w[0].buffer, arena.w[0].byteOffset + 7 * 4, 1);
      assert.equal(after[0], 0);
    });
  }

  it('arrays are views of their own sizes, 16-byte aligned, not overlapping', () => {
    const arena = adamArena(SIZES);
    for (const region of [arena.w, arena.g, arena.m, arena.v]) {
      assert.deepEqual(region.map((a) => a.length), SIZES);
      for (const a of region) assert.equal(a.byteOffset % 16, 0);
    }
    arena.w.forEach((a) => a.fill(1));
    for (const region of [arena.g, arena.m, arena.v]) for (const a of region) assert.ok(a.every((x) => x === 0));
  });
});
