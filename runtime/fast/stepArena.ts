import { jsAb, jsATb } from './hostMatMul';
import { activationBackward, biasActivation, columnSums } from './jsDenseMath';
import { wasmStepModule, type WasmStepKernels } from './wasmStepModule';

/**
 * Whether the sparse products can run in SIMD for n output columns here (a multiple of 4,
 * WebAssembly SIMD present): the one test both the engine, before it sizes an arena, and
 * StepArena.sparseSimd use.
 */
export function sparseKernelsTake(n: number): boolean {
  return n % 4 === 0 && wasmStepModule() != null;
}

/** Non-zeros of a matrix, row by row (wasmStepModule's rows): column, value, where each row starts. */
interface NonZeroLists { idx: Float32Array; val: Float32Array; starts: Float32Array }

/**
 * A training step's arrays in one WebAssembly memory — parameters, their gradients, Adam's
 * two moments, and the step's scratch (batch, activations, deltas) — so that the fast
 * path's own SIMD kernels (wasmStepModule) work on them in place: Adam's update as one
 * loop (~5× the same loop in JS; it was a fifth of an MNIST step) and the first layer's
 * products over a mostly-zero input (sparseRows, sparseXW, sparseXTD), and small dense
 * products (denseXW, for arenaMatMul). Where WebAssembly SIMD is missing, the same arrays
 * live in a plain buffer and the same maths runs in JS.
 *
 * @example
 * const arena = new StepArena([784 * 128, 128], [128 * 784, 128 * 128], { sparse: { rows: 128, cols: 784 } });
 * arena.w[0].set(kernelValues);
 * const [x, h] = arena.scratch;            // x: a batch of inputs, written by the caller
 * arena.sparseRows(x, 128, 784);           // once a batch
 * arena.sparseXW(h, x, 128, 784, arena.w[0], 128);
 * arena.adam(0.9, 0.999, -0.001 / (1 - 0.9), 1 / Math.sqrt(1 - 0.999), 1e-7);
 */
export class StepArena {
  /** parameters (one array per variable, in the order given) */
  readonly w: Float32Array[];
  /** their gradients, same shapes */
  readonly g: Float32Array[];
  /** Adam's first and second moments */
  readonly m: Float32Array[];
  readonly v: Float32Array[];
  /** the scratch arrays, in the order given */
  readonly scratch: Float32Array[];
  /** true when the kernels run in WebAssembly SIMD */
  readonly simd: boolean;
  private readonly kernels: WasmStepKernels | undefined;
  private readonly buffer: ArrayBuffer;
  /** floats in each of the four parameter regions */
  private readonly regionFloats: number;
  /** sparseRows' lists */
  private readonly lists: NonZeroLists | undefined;
  /** denseXW's own lists, so that it never overwrites the first layer's */
  private readonly denseLists: NonZeroLists | undefined;
  /** three arrays of `dense` floats for the transposes arenaMatMul does around denseXW */
  readonly denseScratch: Float32Array[] = [];
  /** the most floats denseXW's a may have */
  readonly denseFloats: number;
  /** what sparseRows was given; `matrix`: the named rows as one, for the JS products */
  private listed: { x: Float32Array; m: number; k: number; matrix: Float32Array } | undefined;

  /**
   * `sparse`: the largest x (rows × columns) sparseRows will list; `dense`: the most floats
   * an operand of denseXW (and arenaMatMul) may have; `simd: false` runs the JS versions
   * (tests, benchmarks, small models).
   */
  constructor(paramSizes: number[], scratchSizes: number[] = [], opts: { simd?: boolean; sparse?: { rows: number; cols: number }; dense?: number } = {}) {
    // every array starts on 16 bytes and is padded to 4 floats: the padding stays 0 in
    // each parameter region, so Adam's SIMD loop runs over it without changing anything
    const pad = (n: number) => Math.ceil(n / 4) * 4;
    this.regionFloats = paramSizes.reduce((a, n) => a + pad(n), 0);
    const listSizes = opts.sparse ? [opts.sparse.rows * opts.sparse.cols, opts.sparse.rows * opts.sparse.cols, opts.sparse.rows + 1] : [];
    this.denseFloats = opts.dense ?? 0;
    const denseSizes = opts.dense ? [opts.dense, opts.dense, opts.dense + 1, opts.dense, opts.dense, opts.dense] : [];
    const floats = 4 * this.regionFloats + [...scratchSizes, ...listSizes, ...denseSizes].reduce((a, n) => a + pad(n), 0);
    const module = opts.simd === false ? null : wasmStepModule();
    const pages = Math.max(1, Math.ceil((floats * 4) / 65536));
    const memory = module ? new WebAssembly.Memory({ initial: pages, maximum: pages }) : undefined;
    this.buffer = memory ? memory.buffer : new ArrayBuffer(floats * 4);
    this.kernels = module && memory ? (new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmStepKernels) : undefined;
    this.simd = this.kernels != null;
    let at = 0;
    const views = (sizes: number[]) => sizes.map((n) => { const a = new Float32Array(this.buffer, at * 4, n); at += pad(n); return a; });
    [this.w, this.g, this.m, this.v] = [views(paramSizes), views(paramSizes), views(paramSizes), views(paramSizes)];
    this.scratch = views(scratchSizes);
    if (opts.sparse) { const [idx, val, starts] = views(listSizes); this.lists = { idx, val, starts }; }
    if (opts.dense) {
      const [idx, val, starts, ...scratch] = views(denseSizes);
      this.denseLists = { idx, val, starts };
      this.denseScratch = scratch;
    }
  }

  /**
   * Every parameter at once: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g²,
   * w ← w + step·m / (√v · root + ε), with step = −lr/(1−β1ᵗ) and root = 1/√(1−β2ᵗ)
   * (tfjs's bias correction with its divisions hoisted).
   */
  adam(beta1: number, beta2: number, step: number, root: number, epsilon: number): void {
    if (this.kernels) {
      const f = this.regionFloats;
      this.kernels.adam(0, f * 4, f * 8, f * 12, f / 4, beta1, beta2, 1 - beta1, 1 - beta2, step, root, epsilon);
      return;
    }
    const k1 = 1 - beta1, k2 = 1 - beta2;
    for (let p = 0; p < this.w.length; p++) {
      const wp = this.w[p], gp = this.g[p], mp = this.m[p], vp = this.v[p];
      for (let i = 0; i < wp.length; i++) {
        const gi = gp[i];
        const a = mp[i] * beta1 + gi * k1, b = vp[i] * beta2 + gi * gi * k2;
        mp[i] = a;
        vp[i] = b;
        wp[i] += (step * a) / (Math.sqrt(b) * root + epsilon);
      }
    }
  }

  /** Whether the sparse products can run in SIMD here (n a multiple of 4, lists allocated). */
  sparseSimd(n: number): boolean {
    return this.simd && this.lists != null && sparseKernelsTake(n);
  }

  /**
   * Lists the non-zeros of x's first m rows (k columns), or with `rows` of the rows
   * rows[0…m−1] of x (a shuffled batch read straight from the training set), for the
   * sparse products that follow, which then take that same x, m and k. Call again whenever
   * x's values or the rows change (once a batch). x and rows are views of this arena.
   */
  sparseRows(x: Float32Array, m: number, k: number, rows?: Int32Array): void {
    if (this.lists && this.simd) {
      const { idx, val, starts } = this.lists;
      if (m * k > idx.length || m + 1 > starts.length) throw new Error(`StepArena: ${m}×${k} is more than the lists hold`);
      this.kernels!.rows(this.offset(x), m, k, idx.byteOffset, val.byteOffset, starts.byteOffset, rows ? this.offset(rows) : 0, rows ? 1 : 0);
      this.listed = { x, m, k, matrix: x };
      return;
    }
    // JS: the products read the rows themselves
    let picked = x;
    if (rows) {
      picked = new Float32Array(m * k);
      for (let r = 0; r < m; r++) picked.set(x.subarray(rows[r] * k, (rows[r] + 1) * k), r * k);
    }
    this.listed = { x, m, k, matrix: picked };
  }

  /**
   * out[m×n] = x[m×k] · w[k×n] (+ bias, then relu if asked), skipping x's zeros (listed by
   * sparseRows); all views of this arena.
   */
  sparseXW(out: Float32Array, x: Float32Array, m: number, k: number, w: Float32Array, n: number, bias: Float32Array | null = null, relu = false): void {
    if (!this.sparseSimd(n)) {
      jsAb(this.listsOf(x, m, k).matrix, m, k, w, n, out);
      biasActivation(out, m, n, bias, relu ? 'relu' : 'linear');
      return;
    }
    this.listsOf(x, m, k);
    const l = this.lists!;
    const flags = (bias ? 1 : 0) | (relu ? 2 : 0);
    this.kernels!.xw(this.offset(out), m, k, n, this.offset(w), l.idx.byteOffset, l.val.byteOffset, l.starts.byteOffset, bias ? this.offset(bias) : 0, 0, flags);
  }

  /**
   * out[k×n] = xᵀ · d, x[m×k], d[m×n], skipping x's zeros (listed by sparseRows); all views
   * of this arena. `reluOf`: first d ← d where reluOf > 0, else 0 (in place: relu's
   * derivative given the layer's output); `sums`: the column sums of d (the bias gradient).
   */
  sparseXTD(out: Float32Array, x: Float32Array, m: number, k: number, d: Float32Array, n: number, opts: { reluOf?: Float32Array; sums?: Float32Array } = {}): void {
    if (!this.sparseSimd(n)) {
      if (opts.reluOf) activationBackward('relu', opts.reluOf, d, m * n);
      if (opts.sums) columnSums(d, m, n, opts.sums);
      jsATb(this.listsOf(x, m, k).matrix, m, k, d, n, out);
      return;
    }
    this.listsOf(x, m, k);
    const l = this.lists!;
    const flags = (opts.reluOf ? 1 : 0) | (opts.sums ? 2 : 0);
    this.kernels!.xtd(this.offset(out), m, k, n, this.offset(d), l.idx.byteOffset, l.val.byteOffset, l.starts.byteOffset,
      opts.reluOf ? this.offset(opts.reluOf) : 0, opts.sums ? this.offset(opts.sums) : 0, flags);
  }

  /**
   * out[m×n] = a[m×k] · b[k×n] with the same SIMD kernels (a listed whole, zeros skipped
   * as they come: relu outputs are half zeros), for the small products where a tfjs kernel
   * call costs more than the arithmetic. Needs SIMD, n a multiple of 4, m·k ≤ dense, and
   * every array in this arena (denseOK says).
   */
  denseXW(out: Float32Array, a: Float32Array, m: number, k: number, b: Float32Array, n: number): void {
    if (!this.denseOK(m * k, n, out, a, b)) throw new Error(`StepArena: denseXW cannot take ${m}×${k}·${k}×${n} here`);
    const l = this.denseLists!;
    this.kernels!.rows(a.byteOffset, m, k, l.idx.byteOffset, l.val.byteOffset, l.starts.byteOffset, 0, 0);
    this.kernels!.xw(out.byteOffset, m, k, n, b.byteOffset, l.idx.byteOffset, l.val.byteOffset, l.starts.byteOffset, 0, 0, 0);
  }

  /** Whether denseXW takes an a of `floats` floats, n columns, these arrays. */
  denseOK(floats: number, n: number, ...arrays: Float32Array[]): boolean {
    return this.simd && this.denseLists != null && n % 4 === 0 && floats <= this.denseFloats && arrays.every((x) => x.buffer === this.buffer);
  }

  /** What sparseRows listed for this x, m, k. */
  private listsOf(x: Float32Array, m: number, k: number): NonNullable<StepArena['listed']> {
    const l = this.listed;
    if (!l || l.x !== x || l.m !== m || l.k !== k) throw new Error('StepArena: sparseRows(x, m, k) first');
    return l;
  }

  private offset(a: Float32Array | Int32Array): number {
    if (a.buffer !== this.buffer) throw new Error('StepArena: an array that is not in this arena');
    return a.byteOffset;
  }
}
