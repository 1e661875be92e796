import { jsAb, jsATb } from './hostMatMul';
import { activationBackward, biasActivation, columnSums } from './jsDenseMath';
import type { StepThread, StepThreads } from './stepThreads';
import { wasmStepModule, type WasmStepKernels } from './wasmStepModule';

/** The non-zero lists of one band of batch rows (wasmStepModule.rows): column, value, row starts. */
interface Lists { idx: Float32Array; val: Float32Array; starts: Float32Array }

export interface StepArenaOptions {
  /** false: the JS versions (tests, benchmarks, small models) */
  simd?: boolean;
  /** the largest x (rows × columns) sparseRows will list */
  sparse?: { rows: number; cols: number };
  /** a second thread for the sparse products (shared memory; Node) */
  threads?: StepThreads;
}

/**
 * A training step's arrays in one WebAssembly memory — parameters, their gradients, Adam's
 * two moments, and the step's scratch (batch, activations, deltas) — so that the fast
 * path's own SIMD kernels (wasmStepModule) work on them in place: Adam's update as one
 * loop (~5× the same loop in JS; it was a fifth of an MNIST step) and the first layer's
 * products over a mostly-zero input, split between two threads where `threads` gives a
 * second one. Where WebAssembly SIMD is missing, the same arrays live in a plain buffer
 * and the same maths runs in JS.
 *
 * @example
 * const arena = new StepArena([784 * 128, 128], [128 * 784, 128 * 128], { sparse: { rows: 128, cols: 784 } });
 * arena.w[0].set(kernelValues);
 * const [x, h] = arena.scratch;            // x: a batch of inputs, written by the caller
 * arena.sparseRows(x, 128, 784);           // once a batch
 * arena.sparseXW(h, x, 128, 784, arena.w[0], 128);
 * arena.dispose();                         // frees the helper thread's part, if any
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
  /** true when a second thread takes half of each sparse product */
  readonly threaded: boolean;
  private readonly kernels: WasmStepKernels | undefined;
  private readonly buffer: ArrayBufferLike;
  private readonly regionFloats: number;
  /** lists of the batch's first rows (all of them when alone) and, threaded, of the rest */
  private readonly lists: [Lists, Lists] | undefined;
  private readonly thread: StepThread | undefined;
  /** what sparseRows was given, and whether the lists hold it yet (they are made on first use) */
  private listed: { x: Float32Array; m: number; k: number; rows: Int32Array | undefined; fresh: boolean; picked?: Float32Array } | undefined;

  constructor(paramSizes: number[], scratchSizes: number[] = [], opts: StepArenaOptions = {}) {
    // every array starts on 16 bytes and is padded to 4 floats: the padding stays 0 in
    // each parameter region, so Adam's SIMD loop runs over it without changing anything
    const pad = (n: number) => Math.ceil(n / 4) * 4;
    this.regionFloats = paramSizes.reduce((a, n) => a + pad(n), 0);
    const sp = opts.sparse;
    const listSizes = sp ? [sp.rows * sp.cols, sp.rows * sp.cols, sp.rows + 1] : [];
    const floats = 4 * this.regionFloats + [...scratchSizes, ...listSizes, ...listSizes].reduce((a, n) => a + pad(n), 0);
    const pages = Math.max(1, Math.ceil((floats * 4) / 65536));
    const shared = opts.simd !== false && sp != null && opts.threads != null ? wasmStepModule(true) : null;
    const module = opts.simd === false ? null : shared ?? wasmStepModule();
    const memory = module ? new WebAssembly.Memory({ initial: pages, maximum: pages, ...(shared ? { shared: true } : {}) }) : undefined;
    this.buffer = memory ? memory.buffer : new ArrayBuffer(floats * 4);
    this.kernels = module && memory ? (new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as WasmStepKernels) : undefined;
    this.simd = this.kernels != null;
    let at = 0;
    const views = (sizes: number[]) => sizes.map((n) => { const a = new Float32Array(this.buffer, at * 4, n); at += pad(n); return a; });
    [this.w, this.g, this.m, this.v] = [views(paramSizes), views(paramSizes), views(paramSizes), views(paramSizes)];
    this.scratch = views(scratchSizes);
    if (sp) {
      const list = (): Lists => { const [idx, val, starts] = views(listSizes); return { idx, val, starts }; };
      this.lists = [list(), list()];
    }
    this.thread = shared && memory ? opts.threads!.attach(memory, shared) : undefined;
    this.threaded = this.thread != null;
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

  /** Whether the sparse products run in SIMD here (n a multiple of 4, lists allocated). */
  sparseSimd(n: number): boolean {
    return this.simd && this.lists != null && n % 4 === 0;
  }

  /**
   * Names the rows the sparse products that follow take: x's first m rows (k columns), or
   * with `rows` the rows rows[0…m−1] of x (a shuffled batch read straight from the
   * training set). They then take that same x, m and k. Call again whenever x's values or
   * the rows change (once a batch). x and rows are views of this arena.
   */
  sparseRows(x: Float32Array, m: number, k: number, rows?: Int32Array): void {
    if (this.lists && this.simd) {
      if (m * k > this.lists[0].idx.length || m + 1 > this.lists[0].starts.length) throw new Error(`StepArena: ${m}×${k} is more than the lists hold`);
      this.offset(x);
      if (rows) this.offset(rows);
      this.listed = { x, m, k, rows, fresh: false };
      return;
    }
    if (rows) this.offset(rows);
    this.listed = { x, m, k, rows, fresh: true }; // JS: the products read the rows themselves
  }

  /**
   * out[m×n] = x[m×k] · w[k×n] (+ bias, then relu if asked), skipping x's zeros (the rows
   * sparseRows named); all views of this arena.
   */
  sparseXW(out: Float32Array, x: Float32Array, m: number, k: number, w: Float32Array, n: number, bias: Float32Array | null = null, relu = false): void {
    const l = this.listedAs(x, m, k);
    if (!this.sparseSimd(n)) {
      jsAb(this.picked(l), m, k, w, n, out);
      biasActivation(out, m, n, bias, relu ? 'relu' : 'linear');
      return;
    }
    const flags = (bias ? 1 : 0) | (relu ? 2 : 0);
    const xwCall = (band: 0 | 1, from: number, to: number): [number[], number[]] => {
      const lists = this.listOffsets(band);
      return [this.rowsArgs(band, from, to), [this.offset(out) + from * n * 4, to - from, k, n, this.offset(w), ...lists, bias ? this.offset(bias) : 0, flags]];
    };
    const half = this.half(m);
    if (half == null) {
      const [rows, xw] = xwCall(0, 0, m);
      if (!l.fresh) this.call('rows', rows);
      this.call('xw', xw);
    } else {
      // each thread lists its half of the batch and multiplies it
      const [rowsB, xwB] = xwCall(1, half, m);
      this.thread!.start(l.fresh ? [['xw', xwB]] : [['rows', rowsB], ['xw', xwB]]);
      const [rowsA, xwA] = xwCall(0, 0, half);
      if (!l.fresh) this.call('rows', rowsA);
      this.call('xw', xwA);
      this.thread!.wait();
    }
    l.fresh = true;
  }

  /**
   * out[k×n] = xᵀ · d, x[m×k] (the rows sparseRows named), d[m×n], skipping x's zeros; all
   * views of this arena. `reluOf`: first d ← d where reluOf > 0, else 0 (in place: relu's
   * derivative given the layer's output); `sums`: the column sums of d (the bias gradient).
   */
  sparseXTD(out: Float32Array, x: Float32Array, m: number, k: number, d: Float32Array, n: number, opts: { reluOf?: Float32Array; sums?: Float32Array } = {}): void {
    const l = this.listedAs(x, m, k);
    if (!this.sparseSimd(n)) {
      if (opts.reluOf) activationBackward('relu', opts.reluOf, d, m * n);
      if (opts.sums) columnSums(d, m, n, opts.sums);
      jsATb(this.picked(l), m, k, d, n, out);
      return;
    }
    const flags = (opts.reluOf ? 1 : 0) | (opts.sums ? 2 : 0);
    if (flags) this.kernels!.reluSums(this.offset(d), opts.reluOf ? this.offset(opts.reluOf) : 0, opts.sums ? this.offset(opts.sums) : 0, m, n, flags);
    const half = this.half(m);
    const ZERO_FIRST = 1;
    // rows from..to of the batch (listed in `band`) into out's rows i0…i1−1
    const xtdArgs = (band: 0 | 1, from: number, to: number, i0: number, i1: number, first: boolean) =>
      [this.offset(out), to - from, k, n, this.offset(d) + from * n * 4, ...this.listOffsets(band), i0, i1, first ? ZERO_FIRST : 0];
    if (half == null) {
      if (!l.fresh) this.call('rows', this.rowsArgs(0, 0, m));
      this.call('xtd', xtdArgs(0, 0, m, 0, k, true));
    } else {
      if (!l.fresh) {
        this.thread!.start([['rows', this.rowsArgs(1, half, m)]]);
        this.call('rows', this.rowsArgs(0, 0, half));
        this.thread!.wait();
      }
      // each thread takes half of out's rows, over the whole batch (both bands' lists)
      const split = k >> 1;
      this.thread!.start([['xtd', xtdArgs(0, 0, half, split, k, true)], ['xtd', xtdArgs(1, half, m, split, k, false)]]);
      this.call('xtd', xtdArgs(0, 0, half, 0, split, true));
      this.call('xtd', xtdArgs(1, half, m, 0, split, false));
      this.thread!.wait();
    }
    l.fresh = true;
  }

  /** Frees the helper thread's part of this arena. */
  dispose(): void {
    this.thread?.detach();
  }

  /** Where the batch splits between the two threads, or undefined when this thread works alone. */
  private half(m: number): number | undefined {
    return this.thread && m >= 2 ? m >> 1 : undefined;
  }

  private call(name: 'rows' | 'xw' | 'xtd', args: number[]): void {
    (this.kernels![name] as (...a: number[]) => void)(...args);
  }

  private listOffsets(band: 0 | 1): number[] {
    const l = this.lists![band];
    return [l.idx.byteOffset, l.val.byteOffset, l.starts.byteOffset];
  }

  /** rows(…) arguments listing batch rows from…to−1 into `band` */
  private rowsArgs(band: 0 | 1, from: number, to: number): number[] {
    const l = this.listed!;
    const [idx, val, starts] = this.listOffsets(band);
    return l.rows
      ? [this.offset(l.x), to - from, l.k, idx, val, starts, this.offset(l.rows) + from * 4, 1]
      : [this.offset(l.x) + from * l.k * 4, to - from, l.k, idx, val, starts, 0, 0];
  }

  /** The named rows as one matrix, for the JS products (gathered once a batch when `rows` picks them). */
  private picked(l: NonNullable<StepArena['listed']>): Float32Array {
    if (!l.rows) return l.x;
    if (!l.picked) {
      l.picked = new Float32Array(l.m * l.k);
      for (let r = 0; r < l.m; r++) l.picked.set(l.x.subarray(l.rows[r] * l.k, (l.rows[r] + 1) * l.k), r * l.k);
    }
    return l.picked;
  }

  /** What sparseRows named, for this x, m, k. */
  private listedAs(x: Float32Array, m: number, k: number): NonNullable<StepArena['listed']> {
    const l = this.listed;
    if (!l || l.x !== x || l.m !== m || l.k !== k) throw new Error('StepArena: sparseRows(x, m, k) first');
    return l;
  }

  private offset(a: Float32Array | Int32Array): number {
    if (a.buffer !== this.buffer) throw new Error('StepArena: an array that is not in this arena');
    return a.byteOffset;
  }
}
