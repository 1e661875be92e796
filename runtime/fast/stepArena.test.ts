import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { assertAllClose, seededFloats } from '../backend/testSupport';
import { jsAb, jsATb } from './hostMatMul';
import { activationBackward, biasActivation, columnSums } from './jsDenseMath';
import { StepArena } from './stepArena';

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

describe('StepArena: Adam and the sparse first-layer products in one memory', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  it('runs in WebAssembly SIMD here (Node 20 has it)', () => {
    assert.equal(new StepArena([5]).simd, true);
    assert.equal(new StepArena([5], [], { simd: false }).simd, false);
  });

  for (const simd of [true, false]) {
    it(`${simd ? 'SIMD' : 'JS'}: 5 steps give tfjs's weights and moments; padding stays 0`, () => {
      const grads = SIZES.map((n, i) => seededFloats(n, 20 + i));
      const want = tfjsAdam(5, grads);
      const arena = new StepArena(SIZES, [], { simd });
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
    const arena = new StepArena(SIZES, [5, 8]);
    for (const region of [arena.w, arena.g, arena.m, arena.v, arena.scratch]) {
      if (region !== arena.scratch) assert.deepEqual(region.map((a) => a.length), SIZES);
      for (const a of region) assert.equal(a.byteOffset % 16, 0);
    }
    arena.w.forEach((a) => a.fill(1));
    for (const region of [arena.g, arena.m, arena.v, arena.scratch]) for (const a of region) assert.ok(a.every((x) => x === 0));
    assert.deepEqual(arena.scratch.map((a) => a.length), [5, 8]);
  });

  const floatsWithZeros = (count: number) => seededFloats(count, 3).map((v, i) => (i % 16 < 3 ? v : 0));
  // x: 19% non-zero like MNIST's pixels, with a NaN and an Infinity that must reach the output
  const [M, K, N] = [9, 37, 44]; // 44 floats a row: the 32-wide unrolled loop and the 4-wide tail
  const sparseX = () => {
    const x = seededFloats(M * K, 3).map((v, i) => (i % 16 < 3 ? v : 0));
    x[5 * K + 2] = NaN;
    x[7 * K + 33] = Infinity;
    return x;
  };
  for (const simd of [true, false]) {
    it(`${simd ? 'SIMD' : 'JS'}: sparseXW and sparseXTD equal tfjs's matMul (NaN and Infinity included)`, () => {
      const arena = new StepArena([], [M * K, K * N, M * N, M * N, K * N], { simd, sparse: { rows: M, cols: K } });
      const [x, w, out, d, dw] = arena.scratch;
      x.set(sparseX()); w.set(seededFloats(K * N, 4)); d.set(seededFloats(M * N, 5));
      out.fill(123); dw.fill(123); // both overwrite, never add to what was there
      arena.sparseRows(x, M, K);
      arena.sparseXW(out, x, M, K, w, N);
      arena.sparseXTD(dw, x, M, K, d, N);
      const want = tf.tidy(() => [tf.matMul(tf.tensor2d(x, [M, K]), tf.tensor2d(w, [K, N])).dataSync(), tf.matMul(tf.tensor2d(x, [M, K]), tf.tensor2d(d, [M, N]), true, false).dataSync()]);
      for (const [got, ref, what] of [[out, want[0], 'x·w'], [dw, want[1], 'xᵀ·d']] as const) {
        const finite = (a: ArrayLike<number>) => Array.from(a, (v) => (Number.isFinite(v) ? v : String(v)));
        assert.deepEqual(finite(got).map((v) => typeof v), finite(ref).map((v) => typeof v), `${what}: NaN/Infinity in the same places`);
        assertAllClose(Array.from(got).map((v) => (Number.isFinite(v) ? v : 0)), Array.from(ref).map((v) => (Number.isFinite(v) ? v : 0)), 1e-5, what);
      }
      assert.equal(arena.sparseSimd(N), simd);
    });
  }

  for (const simd of [true, false]) {
    it(`${simd ? 'SIMD' : 'JS'}: fused bias + relu (forward), relu′ + bias gradient (backward) equal jsDenseMath's`, () => {
      const arena = new StepArena([], [M * K, K * N, M * N, M * N, K * N, N, N, M * N], { simd, sparse: { rows: M, cols: K } });
      const [x, w, h, d, dw, bias, db, dRef] = arena.scratch;
      x.set(sparseX().map((v) => (Number.isFinite(v) ? v : 1))); w.set(seededFloats(K * N, 4)); bias.set(seededFloats(N, 6));
      arena.sparseRows(x, M, K);
      arena.sparseXW(h, x, M, K, w, N, bias, true);
      const hRef = new Float32Array(M * N);
      jsAb(x, M, K, w, N, hRef);
      biasActivation(hRef, M, N, bias, 'relu');
      // bias first, then the products (as XNNPACK does) vs products then bias: last-bit differences
      assertAllClose(h, hRef, 1e-6, 'h = relu(x·w + b)');
      assert.deepEqual(Array.from(h, (v) => v > 0), Array.from(hRef, (v) => v > 0), 'relu cuts the same units');
      assert.ok(h.some((v) => v === 0) && h.some((v) => v > 0), 'relu cut some, kept some');
      d.set(seededFloats(M * N, 5)); dRef.set(d);
      db.fill(9);
      arena.sparseXTD(dw, x, M, K, d, N, { reluOf: h, sums: db });
      activationBackward('relu', h, dRef, M * N);
      assert.deepEqual(Array.from(d), Array.from(dRef), 'd masked in place where h ≤ 0');
      const dbRef = new Float32Array(N);
      columnSums(dRef, M, N, dbRef);
      assert.deepEqual(Array.from(db), Array.from(dbRef), 'db: the column sums, rows in order (bit for bit)');
      const dwRef = new Float32Array(K * N);
      jsATb(x, M, K, dRef, N, dwRef);
      assertAllClose(dw, dwRef, 1e-5, 'xᵀ·d after the mask');
    });
  }

  for (const simd of [true, false]) {
    it(`${simd ? 'SIMD' : 'JS'}: listing chosen rows of a larger x (a shuffled batch) = the same rows copied out`, () => {
      const total = 3 * M;
      const arena = new StepArena([], [total * K, K * N, M * N, M * N, M * N, K * N, K * N, M], { simd, sparse: { rows: M, cols: K } });
      const [all, w, out, outRef, d, dw, dwRef, rowsView] = arena.scratch;
      all.set(floatsWithZeros(total * K));
      w.set(seededFloats(K * N, 4)); d.set(seededFloats(M * N, 5));
      const rows = new Int32Array(rowsView.buffer, rowsView.byteOffset, M);
      rows.set(Array.from({ length: M }, (_, r) => (r * 7 + 5) % total));
      arena.sparseRows(all, M, K, rows);
      arena.sparseXW(out, all, M, K, w, N);
      arena.sparseXTD(dw, all, M, K, d, N);
      const picked = new Float32Array(M * K);
      rows.forEach((row, r) => picked.set(all.subarray(row * K, (row + 1) * K), r * K));
      jsAb(picked, M, K, w, N, outRef);
      jsATb(picked, M, K, d, N, dwRef);
      assertAllClose(out, outRef, 1e-5, 'x[rows]·w');
      assertAllClose(dw, dwRef, 1e-5, 'x[rows]ᵀ·d');
    });
  }

  it('fewer rows than the lists hold (a last, smaller batch); rows of all zeros; a full row', () => {
    const arena = new StepArena([], [M * K, K * N, M * N], { sparse: { rows: M, cols: K } });
    const [x, w, out] = arena.scratch;
    x.set(sparseX()); w.set(seededFloats(K * N, 4));
    x.fill(0, 0, K); // row 0: no non-zero
    x.set(seededFloats(K, 9), 2 * K); // row 2: every one non-zero
    arena.sparseRows(x, 4, K);
    out.fill(7);
    arena.sparseXW(out, x, 4, K, w, N);
    const want = tf.tidy(() => tf.matMul(tf.tensor2d(x.subarray(0, 4 * K), [4, K]), tf.tensor2d(w, [K, N])).dataSync());
    assertAllClose(out.subarray(0, 4 * N), want, 1e-5, 'first 4 rows');
    assert.ok(out.subarray(0, N).every((v) => v === 0), 'an all-zero row gives zeros');
    assert.ok(out.subarray(4 * N).every((v) => v === 7), 'rows past m untouched');
  });

  it('refuses arrays from outside the arena, and products without sparseRows of that x', () => {
    const arena = new StepArena([], [M * K, K * N, M * N], { sparse: { rows: M, cols: K } });
    const [x, w, out] = arena.scratch;
    assert.throws(() => arena.sparseRows(new Float32Array(M * K), M, K), /not in this arena/);
    assert.throws(() => arena.sparseXW(out, x, M, K, w, N), /sparseRows\(x, m, k\) first/);
    arena.sparseRows(x, M, K);
    assert.throws(() => arena.sparseXW(out, x, M - 1, K, w, N), /sparseRows\(x, m, k\) first/);
    assert.throws(() => arena.sparseRows(x, M + 1, K), /more than the lists hold/);
  });
});
