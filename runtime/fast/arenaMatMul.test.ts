import * as assert from 'node:assert/strict';
import { assertAllClose, seededFloats } from '../backend/testSupport';
import { arenaMatMul } from './arenaMatMul';
import { JS_MATMUL, type HostMatMul } from './hostMatMul';
import { StepArena } from './stepArena';

/** Counts what reaches the big-product path. */
function countingBig(): HostMatMul & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    ab: (...a) => { calls.push('ab'); JS_MATMUL.ab(...a); },
    aTb: (...a) => { calls.push('aTb'); JS_MATMUL.aTb(...a); },
    abT: (...a) => { calls.push('abT'); JS_MATMUL.abT(...a); },
  };
}

describe('arenaMatMul: small products on the arena\'s SIMD kernels', () => {
  // [m, k, n]: MNIST's second layer (n = 10), a lone output unit, odd sizes both ways
  for (const [m, k, n] of [[128, 128, 10], [16, 8, 1], [12, 7, 8], [9, 12, 5], [6, 5, 3]] as const) {
    it(`${m}×${k}·${k}×${n}: ab, aTb and abT equal the JS products; only shapes no transpose can fit go to tfjs`, () => {
      const most = Math.max(m * k, k * n, m * n);
      const arena = new StepArena([], [m * k, k * n, m * n, m * n, k * n, m * k, m * k], { dense: most });
      const [a, b, out, d, outTb, outBT, ref] = arena.scratch;
      a.set(seededFloats(m * k, 1).map((v, i) => (i % 3 === 0 ? 0 : v))); // relu-like zeros
      b.set(seededFloats(k * n, 2)); d.set(seededFloats(m * n, 3));
      const big = countingBig();
      const mm = arenaMatMul(arena, big, 1 << 19);
      mm.ab(a, m, k, b, n, out);
      const want = new Float32Array(m * n); JS_MATMUL.ab(a, m, k, b, n, want);
      assertAllClose(out, want, 1e-5, 'ab');
      mm.aTb(a, m, k, d, n, outTb);
      const wantTb = new Float32Array(k * n); JS_MATMUL.aTb(a, m, k, d, n, wantTb);
      assertAllClose(outTb, wantTb, 1e-5, 'aTb');
      mm.abT(d, m, n, b, k, outBT.subarray(0, m * k));
      JS_MATMUL.abT(d, m, n, b, k, ref.subarray(0, m * k));
      assertAllClose(outBT.subarray(0, m * k), ref.subarray(0, m * k), 1e-5, 'abT');
      // ab needs n or m a multiple of 4, aTb k, abT k
      const expected = [...(n % 4 && m % 4 ? ['ab'] : []), ...(k % 4 ? ['aTb', 'abT'] : [])];
      assert.deepEqual(big.calls, expected);
    });
  }

  it('big products, and arrays from outside the arena, go to the big path', () => {
    const arena = new StepArena([], [64, 64, 64], { dense: 64 });
    const [a, b, out] = arena.scratch;
    const big = countingBig();
    arenaMatMul(arena, big, 100).ab(a, 8, 8, b, 8, out); // 512 multiply-adds > 100
    arenaMatMul(arena, big, 1 << 19).ab(new Float32Array(64), 8, 8, b, 8, out);
    assert.deepEqual(big.calls, ['ab', 'ab']);
  });
});
