import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;

/**
 * The three products of a Dense layer's training step on row-major Float32Arrays. `out`
 * is overwritten. JS loops for small products; tfjs's matMul kernel (wasm: XNNPACK,
 * SIMD) for large ones, with the transposes done in JS first: tfjs-backend-wasm
 * multiplies a transposed operand ~10× slower than a plain one.
 */
export interface HostMatMul {
  /** out[m×n] = a[m×k] · b[k×n] */
  ab(a: Float32Array, m: number, k: number, b: Float32Array, n: number, out: Float32Array): void;
  /** out[k×n] = aᵀ · d, a[m×k], d[m×n] (a weight gradient) */
  aTb(a: Float32Array, m: number, k: number, d: Float32Array, n: number, out: Float32Array): void;
  /** out[m×k] = d[m×n] · wᵀ, w[k×n] (the gradient flowing to a layer's input) */
  abT(d: Float32Array, m: number, n: number, w: Float32Array, k: number, out: Float32Array): void;
}

/** out[m×n] = a[m×k] · b[k×n] in JS, skipping a's zeros. */
export function jsAb(a: Float32Array, m: number, k: number, b: Float32Array, n: number, out: Float32Array): void {
  out.fill(0, 0, m * n);
  for (let r = 0; r < m; r++) {
    const ra = r * k, ro = r * n;
    for (let i = 0; i < k; i++) {
      const av = a[ra + i];
      if (av === 0) continue; // relu zeros and one-hot pixels: common, and free to skip
      const bo = i * n;
      for (let j = 0; j < n; j++) out[ro + j] += av * b[bo + j];
    }
  }
}

/** out[k×n] = aᵀ · d, a[m×k], d[m×n], in JS, skipping a's zeros. */
export function jsATb(a: Float32Array, m: number, k: number, d: Float32Array, n: number, out: Float32Array): void {
  out.fill(0, 0, k * n);
  for (let r = 0; r < m; r++) {
    const ra = r * k, rd = r * n;
    for (let i = 0; i < k; i++) {
      const av = a[ra + i];
      if (av === 0) continue;
      const wo = i * n;
      for (let j = 0; j < n; j++) out[wo + j] += av * d[rd + j];
    }
  }
}

function jsAbT(d: Float32Array, m: number, n: number, w: Float32Array, k: number, out: Float32Array): void {
  for (let r = 0; r < m; r++) {
    const rd = r * n, ro = r * k;
    for (let i = 0; i < k; i++) {
      const wo = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += d[rd + j] * w[wo + j];
      out[ro + i] = s;
    }
  }
}

/** Plain JS loops, no tfjs. */
export const JS_MATMUL: HostMatMul = { ab: jsAb, aTb: jsATb, abT: jsAbT };

/** t[c×r] = xᵀ for x[r×c]. */
export function transpose(x: Float32Array, r: number, c: number, t: Float32Array): void {
  for (let i = 0; i < r; i++) {
    const ro = i * c;
    for (let j = 0; j < c; j++) t[j * r + i] = x[ro + j];
  }
}

/**
 * Products of at least `minMacs` multiply-adds on tfjs's matMul kernel of the current
 * backend, smaller ones in JS. On wasm the result is copied straight from the heap.
 *
 * @example
 * const mm = kernelMatMul(tf, 32_768);
 * mm.ab(x, 128, 784, w, 128, out); // XNNPACK on wasm
 */
export function kernelMatMul(tf: Tf, minMacs: number): HostMatMul {
  const scratch = new Map<number, Float32Array>();
  const buffer = (slot: number, size: number) => {
    let s = scratch.get(slot);
    if (!s || s.length < size) { s = new Float32Array(size); scratch.set(slot, s); }
    return s.subarray(0, size);
  };
  const backend = tf.backend() as unknown as { typedArrayFromHeap?: (t: tfjs.TensorInfo) => Float32Array };
  const heap = tf.getBackend() === 'wasm' && typeof backend.typedArrayFromHeap === 'function';
  const onKernel = (a: Float32Array, m: number, k: number, b: Float32Array, n: number, out: Float32Array) => {
    // the engine's buffers may be longer than this batch: exact views, as tensor2d wants
    const ta = tf.tensor2d(a.length === m * k ? a : a.subarray(0, m * k), [m, k]), tb = tf.tensor2d(b.length === k * n ? b : b.subarray(0, k * n), [k, n]);
    const tc = tf.matMul(ta, tb);
    out.set(heap ? backend.typedArrayFromHeap!(tc) : (tc.dataSync() as Float32Array));
    tf.dispose([ta, tb, tc]);
  };
  return {
    ab(a, m, k, b, n, out) {
      if (m * k * n < minMacs) jsAb(a, m, k, b, n, out);
      else onKernel(a, m, k, b, n, out);
    },
    aTb(a, m, k, d, n, out) {
      if (m * k * n < minMacs) return jsATb(a, m, k, d, n, out);
      const aT = buffer(0, k * m);
      transpose(a, m, k, aT);
      onKernel(aT, k, m, d, n, out);
    },
    abT(d, m, n, w, k, out) {
      if (m * k * n < minMacs) return jsAbT(d, m, n, w, k, out);
      const wT = buffer(1, n * k);
      transpose(w, k, n, wT);
      onKernel(d, m, n, wT, k, out);
    },
  };
}
