import type * as tfjs from '@tensorflow/tfjs';
import type { DenseTrainingPlan } from './densePlan';
import { ARENA_MATMUL_MAX_MACS, arenaMatMul, arenaOperandFloats } from './arenaMatMul';
import { nonZeroFraction, type HostData } from './hostData';
import { JS_MATMUL, type HostMatMul } from './hostMatMul';
import { sparseKernelsTake, StepArena } from './stepArena';
import { activationBackward, biasActivation, columnSums, lossAndOutputGrad } from './jsDenseMath';
import type { BatchStats, TrainingEngine } from './trainingEngine';

type Tf = typeof tfjs;

/** tfjs's Adam keeps these (protected) fields; the engine reads and writes them. */
interface AdamState {
  accumulatedFirstMoment: ({ originalName: string; variable: tfjs.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tfjs.Variable } | undefined)[];
  accBeta1: tfjs.Variable;
  accBeta2: tfjs.Variable;
  iterations_: number;
}

/**
 * Up to this fraction of non-zero inputs, the first layer's products skip zeros in the
 * fast path's SIMD kernels (a 4-wide multiply-add per non-zero input) instead of tfjs's
 * dense matMul kernel (XNNPACK, with its copies and weight packing): measured on MNIST's
 * 19% non-zero pixels 0.5 ms against 1.3–2 ms a product; dense inputs would lose.
 */
export const SPARSE_INPUT_MAX_DENSITY = 1 / 3;

/** The largest training set (floats) the sparse first layer copies into its arena: 1 GiB. */
export const SPARSE_MAX_INPUT_FLOATS = 2 ** 28;

/**
 * The fused step on Float32Arrays in JS: weights, gradients and the optimizer update live
 * here; the matrix products go to `mm` (plain JS loops for small models such as XOR, so no
 * tfjs kernel at all; tfjs's matMul kernel for big products, see kernelMatMul). Weights and
 * the optimizer's state are copied out of the model at the start and back by
 * syncModel/finish.
 *
 * @example
 * const engine = new JsDenseEngine(tf, plan, hostData(x, y), 4);
 * engine.step(0, 4, null, true); // { loss, acc }
 * engine.finish();
 */
export class JsDenseEngine implements TrainingEngine {
  readonly kind = 'js' as const;
  private readonly w: Float32Array[];
  private readonly b: (Float32Array | null)[];
  private readonly dw: Float32Array[];
  private readonly db: (Float32Array | null)[];
  private readonly acts: Float32Array[];
  private readonly deltas: Float32Array[];
  private readonly xBatch: Float32Array;
  /** with the sparse first layer: the training inputs, in the arena, and the batch's row numbers */
  private readonly trainX: Float32Array | undefined;
  private readonly batchRows: Int32Array | undefined;
  private readonly yBatch: Float32Array | Int32Array;
  /** each variable's data id when the engine last took or wrote its values: a callback's setWeights changes it */
  private readonly heldIds: unknown[];
  /** weights, gradients and Adam's moments, variable by variable (vars() order), and the step's scratch */
  private readonly arena: StepArena;
  /** the products other than the sparse first layer's: small ones on the arena, big ones on `mm` */
  private readonly products: HostMatMul;
  /**
   * The fraction of the training inputs that are not zero, when the first layer's two
   * products skip the zeros (StepArena.sparseXW/XTD); undefined when they do not.
   */
  readonly inputDensity: number | undefined;
  private accBeta1 = 0;
  private accBeta2 = 0;
  private steps = 0;
  private lossSum = 0;
  private accSum = 0;
  private readonly yCols: number;

  constructor(private readonly tf: Tf, private readonly plan: DenseTrainingPlan, private data: HostData, batchSize: number, private readonly validation?: HostData, private readonly mm: HostMatMul = JS_MATMUL) {
    const L = plan.layers;
    const vars = this.vars();
    const rows = Math.max(batchSize, validation?.rows ?? 0);
    this.yCols = plan.loss === 'sparseCategoricalCrossentropy' ? 1 : L[L.length - 1].units;
    // JS_MATMUL (small models) skips zeros already; the kernel products pay for every one
    const density = mm !== JS_MATMUL && sparseKernelsTake(L[0].units) ? nonZeroFraction(data.x) : 1;
    // the training set goes into the arena (wasm32: 4 GiB at most): past 1 GiB, the dense path
    const sparse = density <= SPARSE_INPUT_MAX_DENSITY && data.rows * L[0].inputs <= SPARSE_MAX_INPUT_FLOATS;
    const k = L[0].inputs;
    // plain JS for the small models JS_MATMUL serves: a WebAssembly memory per fit buys them nothing
    this.arena = new StepArena(vars.map((v) => v.read().size),
      [sparse ? 0 : batchSize * k, ...L.map((l) => rows * l.units), ...L.map((l) => rows * l.units), ...(sparse ? [data.rows * k, batchSize] : [])],
      mm === JS_MATMUL ? { simd: false } : { dense: arenaOperandFloats(L, batchSize), ...(sparse ? { sparse: { rows: batchSize, cols: k } } : {}) });
    this.products = mm !== JS_MATMUL && this.arena.simd ? arenaMatMul(this.arena, mm, ARENA_MATMUL_MAX_MACS) : mm;
    vars.forEach((v, i) => this.arena.w[i].set(v.read().dataSync() as Float32Array));
    this.heldIds = vars.map((v) => v.read().dataId);
    // arena index of each layer's kernel; its bias, if any, is the next one
    const at = L.map((_, i) => L.slice(0, i).reduce((n, l) => n + (l.bias ? 2 : 1), 0));
    this.w = L.map((_, i) => this.arena.w[at[i]]);
    this.b = L.map((l, i) => (l.bias ? this.arena.w[at[i] + 1] : null));
    this.dw = L.map((_, i) => this.arena.g[at[i]]);
    this.db = L.map((l, i) => (l.bias ? this.arena.g[at[i] + 1] : null));
    const scratch = this.arena.scratch;
    this.xBatch = scratch[0];
    this.acts = scratch.slice(1, 1 + L.length);
    this.deltas = scratch.slice(1 + L.length, 1 + 2 * L.length);
    this.yBatch = new (data.y.constructor as Float32ArrayConstructor)(batchSize * this.yCols);
    this.inputDensity = sparse ? density : undefined;
    if (sparse) {
      // the batches are listed straight from the arena's copy: no batch copy, no second copy of x
      this.trainX = scratch[1 + 2 * L.length];
      this.trainX.set(data.x);
      const rowsView = scratch[2 + 2 * L.length];
      this.batchRows = new Int32Array(rowsView.buffer, rowsView.byteOffset, batchSize);
      this.data = { ...data, x: new Float32Array(0) };
    }
    if (plan.optimizer.kind === 'adam') this.readAdam();
  }

  private vars(): tfjs.LayerVariable[] {
    return this.plan.layers.flatMap((l) => (l.bias ? [l.kernel, l.bias] : [l.kernel]));
  }

  private readAdam(): void {
    const o = this.plan.optimizerObject as unknown as AdamState;
    this.vars().forEach((_, i) => {
      const first = o.accumulatedFirstMoment[i], second = o.accumulatedSecondMoment[i];
      if (first) this.arena.m[i].set(first.variable.dataSync() as Float32Array);
      if (second) this.arena.v[i].set(second.variable.dataSync() as Float32Array);
    });
    this.accBeta1 = o.accBeta1.dataSync()[0];
    this.accBeta2 = o.accBeta2.dataSync()[0];
  }

  /** Whether x is the training set whose batches the first layer's products list (validation data is not). */
  private sparseBatch(x: Float32Array): boolean {
    return x === this.trainX;
  }

  /** Forward through every layer; returns the output activations. */
  private forward(x: Float32Array, m: number): Float32Array {
    let a = x;
    this.plan.layers.forEach((l, i) => {
      if (i === 0 && this.sparseBatch(a)) {
        // bias and relu inside the product; any other activation after it
        const relu = l.activation === 'relu';
        this.arena.sparseXW(this.acts[0], a, m, l.inputs, this.w[0], l.units, this.b[0], relu);
        if (!relu) biasActivation(this.acts[0], m, l.units, null, l.activation);
      } else {
        this.products.ab(a, m, l.inputs, this.w[i], l.units, this.acts[i]);
        biasActivation(this.acts[i], m, l.units, this.b[i], l.activation);
      }
      a = this.acts[i];
    });
    return a;
  }

  private cut(data: HostData, start: number, size: number, order: Int32Array | null): { x: Float32Array; y: ArrayLike<number> } {
    const k = this.plan.layers[0].inputs;
    if (this.trainX) {
      // the sparse first layer lists the batch's rows where they are
      for (let r = 0; r < size; r++) this.batchRows![r] = order ? order[start + r] : start + r;
      this.arena.sparseRows(this.trainX, size, k, this.batchRows);
      return { x: this.trainX, y: this.cutY(data, start, size, order) };
    }
    if (!order) return { x: data.x.subarray(start * k, (start + size) * k), y: this.cutY(data, start, size, order) };
    for (let r = 0; r < size; r++) {
      const row = order[start + r];
      this.xBatch.set(data.x.subarray(row * k, (row + 1) * k), r * k);
    }
    return { x: this.xBatch, y: this.cutY(data, start, size, order) };
  }

  private cutY(data: HostData, start: number, size: number, order: Int32Array | null): ArrayLike<number> {
    const c = this.yCols;
    if (!order) return data.y.subarray(start * c, (start + size) * c);
    for (let r = 0; r < size; r++) {
      const row = order[start + r];
      for (let j = 0; j < c; j++) this.yBatch[r * c + j] = data.y[row * c + j];
    }
    return this.yBatch;
  }

  step(start: number, size: number, order: Int32Array | null, stats: boolean): BatchStats | null {
    const L = this.plan.layers, last = L.length - 1;
    const { x, y } = this.cut(this.data, start, size, order);
    const sparse = this.sparseBatch(x);
    const p = this.forward(x, size);
    const r = lossAndOutputGrad(this.plan.loss, L[last].activation, this.plan.accuracy, p, y, size, L[last].units, this.deltas[last]);
    // the sparse first layer takes relu's derivative and its bias gradient inside its product
    const fusedRelu = sparse && last > 0 && L[0].activation === 'relu';
    for (let i = last; i >= 0; i--) {
      if (i === 0 && sparse) {
        this.arena.sparseXTD(this.dw[0], x, size, L[0].inputs, this.deltas[0], L[0].units, { reluOf: fusedRelu ? this.acts[0] : undefined, sums: this.db[0] ?? undefined });
        break;
      }
      const input = i === 0 ? x : this.acts[i - 1];
      this.products.aTb(input, size, L[i].inputs, this.deltas[i], L[i].units, this.dw[i]);
      if (this.db[i]) columnSums(this.deltas[i], size, L[i].units, this.db[i]!);
      if (i > 0) {
        this.products.abT(this.deltas[i], size, L[i].units, this.w[i], L[i].inputs, this.deltas[i - 1]);
        if (!(i === 1 && fusedRelu)) activationBackward(L[i - 1].activation, this.acts[i - 1], this.deltas[i - 1], size * L[i].inputs);
      }
    }
    this.update();
    const acc = r.correct / size;
    this.lossSum += r.loss * size;
    this.accSum += r.correct;
    return stats ? { loss: Math.fround(r.loss), acc: this.plan.accuracy ? Math.fround(acc) : NaN } : null;
  }

  /** tfjs's SGD (w ← −lr·g + w) or Adam (bias-corrected moments, accBeta as float32). */
  private update(): void {
    const o = this.plan.optimizer;
    const ws = this.arena.w, gs = this.arena.g; // in the variables' order
    if (o.kind === 'sgd') {
      const c = Math.fround(-o.learningRate);
      for (let v = 0; v < ws.length; v++) { const w = ws[v], g = gs[v]; for (let i = 0; i < w.length; i++) w[i] = c * g[i] + w[i]; }
    } else {
      const b1 = o.beta1, b2 = o.beta2;
      const c1 = Math.fround(1 - this.accBeta1), c2 = Math.fround(1 - this.accBeta2);
      // tfjs: w − lr·(m/c1)/(√(v/c2) + ε), the divisions by c1 and c2 hoisted out of the loop
      this.arena.adam(b1, b2, -o.learningRate / c1, 1 / Math.sqrt(c2), o.epsilon);
      this.accBeta1 = Math.fround(this.accBeta1 * b1);
      this.accBeta2 = Math.fround(this.accBeta2 * b2);
    }
    this.steps++;
  }

  async takeEpochSums(): Promise<BatchStats> {
    return this.takeEpochSumsNow();
  }

  /** takeEpochSums without a promise: the sums are in JS already (fastFit skips an await per epoch). */
  takeEpochSumsNow(): BatchStats {
    const out = { loss: this.lossSum, acc: this.accSum };
    this.lossSum = 0;
    this.accSum = 0;
    return out;
  }

  async evaluate(): Promise<BatchStats> {
    const v = this.validation;
    if (!v) throw new Error('JsDenseEngine: no validation data');
    const L = this.plan.layers, last = L.length - 1;
    const p = this.forward(v.x, v.rows);
    const scratch = new Float32Array(v.rows * L[last].units);
    const r = lossAndOutputGrad(this.plan.loss, L[last].activation, this.plan.accuracy, p, v.y, v.rows, L[last].units, scratch);
    return { loss: Math.fround(r.loss), acc: this.plan.accuracy ? Math.fround(r.correct / v.rows) : NaN };
  }

  syncModel(): void {
    const { tf } = this;
    const ws = this.arena.w;
    this.vars().forEach((v, i) => {
      // a copy: the cpu backend keeps the array it is given, and training goes on mutating ours
      // (a clone the user keeps, say the best epoch's weights, would change with it)
      const t = tf.tensor(ws[i].slice(), v.shape as number[]);
      v.write(t);
      this.heldIds[i] = v.read().dataId;
      t.dispose();
    });
  }

  reloadFromModel(): void {
    const ws = this.arena.w;
    this.vars().forEach((v, i) => {
      const now = v.read().dataId;
      if (now === this.heldIds[i]) return; // still what the engine started from or last wrote
      ws[i].set(v.read().dataSync() as Float32Array);
      this.heldIds[i] = now;
    });
  }

  finish(): void {
    this.syncModel();
    if (this.plan.optimizer.kind !== 'adam') {
      (this.plan.optimizerObject as unknown as { iterations_: number }).iterations_ += this.steps;
      return;
    }
    const { tf } = this;
    const o = this.plan.optimizerObject as unknown as AdamState;
    this.vars().forEach((v, i) => {
      for (const [list, values, suffix] of [[o.accumulatedFirstMoment, this.arena.m[i], 'm'], [o.accumulatedSecondMoment, this.arena.v[i], 'v']] as const) {
        const t = tf.tensor(values.slice(), v.shape as number[]);
        const slot = list[i];
        if (slot) { slot.variable.assign(t); t.dispose(); } else list[i] = { originalName: `${v.name}/${suffix}`, variable: t.variable(false) };
        if (!slot) t.dispose();
      }
    });
    tf.tidy(() => { o.accBeta1.assign(tf.scalar(this.accBeta1)); o.accBeta2.assign(tf.scalar(this.accBeta2)); });
    o.iterations_ += this.steps;
  }
}
