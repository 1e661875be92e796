import { transpose, type HostMatMul } from './hostMatMul';
import type { DenseTrainingPlan } from './densePlan';
import type { StepArena } from './stepArena';

/**
 * Products up to this many multiply-adds run on the arena's SIMD kernels (arenaMatMul)
 * rather than tfjs's matMul kernel, whose fixed cost per call (~0.05 ms: copies in and
 * out, XNNPACK's weight packing) they then exceed: break-even at ~0.5 M on this machine.
 */
export const ARENA_MATMUL_MAX_MACS = 1 << 19;

/** The largest operand of a product small enough for arenaMatMul, in floats (0: none). */
export function arenaOperandFloats(layers: DenseTrainingPlan['layers'], batch: number): number {
  let most = 0;
  for (const l of layers) {
    if (batch * l.inputs * l.units <= ARENA_MATMUL_MAX_MACS) most = Math.max(most, batch * l.inputs, l.inputs * l.units, batch * l.units);
  }
  return most;
}

/**
 * The three products of a Dense layer's step on the arena's own SIMD kernels
 * (StepArena.denseXW) when they are small — under `maxMacs` multiply-adds, where a tfjs
 * kernel call (copies in and out, XNNPACK's weight packing) costs more than the
 * arithmetic: MNIST's second layer, 128×128·128×10, took ~0.07 ms a product through tfjs.
 * Transposed forms go through the arena's scratch so that the column count the kernel
 * needs a multiple of 4 of is one that is (10 outputs are not; 128 rows are). Anything
 * else goes to `big`.
 *
 * @example
 * const mm = arenaMatMul(arena, kernelMatMul(tf, KERNEL_MATMUL_MIN_MACS), 1_000_000);
 * mm.ab(h, 128, 128, w2, 10, out); // out = h·w2, as (w2ᵀ·hᵀ)ᵀ on the arena's kernels
 */
export function arenaMatMul(arena: StepArena, big: HostMatMul, maxMacs: number): HostMatMul {
  const [s0, s1, s2] = arena.denseScratch;
  const small = (m: number, k: number, n: number) => m * k * n <= maxMacs && Math.max(m * k, k * n, m * n) <= arena.denseFloats;
  /** xᵀ of x[r×c], written into the start of `into` */
  const transposed = (x: Float32Array, r: number, c: number, into: Float32Array) => { const t = into.subarray(0, r * c); transpose(x, r, c, t); return t; };
  return {
    // out[m×n] = a[m×k] · b[k×n]
    ab(a, m, k, b, n, out) {
      if (small(m, k, n) && arena.denseOK(m * k, n, out, a, b)) return arena.denseXW(out, a, m, k, b, n);
      if (small(m, k, n) && arena.denseOK(n * k, m, out, a, b)) {
        const outT = s2.subarray(0, n * m); // outᵀ[n×m] = bᵀ · aᵀ
        arena.denseXW(outT, transposed(b, k, n, s0), n, k, transposed(a, m, k, s1), m);
        return transpose(outT, n, m, out);
      }
      big.ab(a, m, k, b, n, out);
    },
    // out[k×n] = aᵀ · d, a[m×k], d[m×n]: as outᵀ[n×k] = dᵀ · a
    aTb(a, m, k, d, n, out) {
      if (small(m, k, n) && arena.denseOK(n * m, k, out, a, d)) {
        const outT = s1.subarray(0, n * k);
        arena.denseXW(outT, transposed(d, m, n, s0), n, m, a, k);
        return transpose(outT, n, k, out);
      }
      big.aTb(a, m, k, d, n, out);
    },
    // out[m×k] = d[m×n] · wᵀ, w[k×n]
    abT(d, m, n, w, k, out) {
      if (small(m, n, k) && arena.denseOK(m * n, k, out, d, w)) {
        return arena.denseXW(out, d, m, n, transposed(w, k, n, s0), k);
      }
      big.abT(d, m, n, w, k, out);
    },
  };
}
