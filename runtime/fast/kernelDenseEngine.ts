import type * as tfjs from '@tensorflow/tfjs';
import type { DenseActivation, DenseTrainingPlan } from './densePlan';
import { hostData, type HostData } from './hostData';
import type { BatchStats, TrainingEngine } from './trainingEngine';

type Tf = typeof tfjs;
const EPS = 1e-7; // tfjs-layers' epsilon(), the cross-entropy clip

const FUSED: Partial<Record<DenseActivation, 'relu' | 'sigmoid' | 'linear'>> = { relu: 'relu', sigmoid: 'sigmoid', linear: 'linear' };

/** dL/dz from dL/da for a hidden activation, given a = act(z). */
function activationGrad(tf: Tf, act: DenseActivation, a: tfjs.Tensor, da: tfjs.Tensor): tfjs.Tensor {
  switch (act) {
    case 'relu': return tf.mul(da, tf.step(a)); // a > 0 ⇔ z > 0; relu'(0) = 0 as tfjs
    case 'sigmoid': return tf.mul(da, tf.mul(a, tf.sub(1, a)));
    case 'tanh': return tf.mul(da, tf.sub(1, tf.square(a)));
    default: return da;
  }
}

/** Forward pass with fused matMul+bias+activation; every layer's output. */
function forward(tf: Tf, plan: DenseTrainingPlan, x: tfjs.Tensor2D): tfjs.Tensor2D[] {
  const acts: tfjs.Tensor2D[] = [];
  let a = x;
  for (const l of plan.layers) {
    const W = l.kernel.read() as tfjs.Tensor2D, b = l.bias?.read();
    const fused = FUSED[l.activation];
    if (fused) a = tf.fused.matMul({ a, b: W, bias: b, activation: fused }) as tfjs.Tensor2D;
    else {
      const z = tf.fused.matMul({ a, b: W, bias: b }) as tfjs.Tensor2D;
      a = (l.activation === 'softmax' ? tf.softmax(z) : tf.tanh(z)) as tfjs.Tensor2D;
    }
    acts.push(a);
  }
  return acts;
}

/** Per-sample loss [m], dL/dz of the output (mean over the batch folded in), per-sample accuracy [m] or null. */
function lossGradAcc(tf: Tf, plan: DenseTrainingPlan, p: tfjs.Tensor2D, y: tfjs.Tensor) {
  const [m, n] = p.shape;
  const sparse = plan.loss === 'sparseCategoricalCrossentropy';
  const target = sparse ? tf.oneHot(tf.cast(tf.reshape(y, [-1]), 'int32'), n) : tf.reshape(y, [m, n]);
  let perSample: tfjs.Tensor, dz: tfjs.Tensor;
  if (plan.loss === 'meanSquaredError') {
    const diff = tf.sub(p, target);
    perSample = tf.mean(tf.square(diff), -1);
    dz = activationGrad(tf, plan.layers[plan.layers.length - 1].activation, p, tf.mul(diff, 2 / (m * n)));
  } else if (plan.loss === 'binaryCrossentropy') {
    const c = tf.clipByValue(p, EPS, 1 - EPS);
    perSample = tf.neg(tf.mean(tf.add(tf.mul(target, tf.log(c)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, c)))), -1));
    dz = tf.div(tf.sub(p, target), m * n); // sigmoid + binary cross-entropy
  } else {
    perSample = tf.neg(tf.sum(tf.mul(target, tf.log(tf.clipByValue(p, EPS, 1 - EPS))), -1));
    dz = tf.div(tf.sub(p, target), m); // softmax + cross-entropy
  }
  let acc: tfjs.Tensor | null = null;
  if (plan.accuracy === 'binary') acc = tf.mean(tf.cast(tf.equal(target, tf.cast(tf.greater(p, 0.5), 'float32')), 'float32'), -1);
  else if (plan.accuracy) acc = tf.cast(tf.equal(tf.argMax(p, -1), tf.argMax(target, -1)), 'float32');
  return { perSample, dz, acc };
}

/**
 * The fused step on tfjs kernels, for models too big for plain JS: forward with fused
 * matMul+bias+activation, the gradients written out with explicit transposes (plain
 * matMuls: fast on wasm), one `optimizer.applyGradients` (model.fit's own optimizer and
 * state). Batches are cut in JS from one host copy on wasm/cpu (their Slice/Gather cost
 * time in proportion to the whole dataset) and gathered on the backend elsewhere. Loss and
 * accuracy sums stay on the backend until takeEpochSums unless a batch's stats are asked for.
 *
 * @example
 * const engine = new KernelDenseEngine(tf, plan, x, y, 128);
 * engine.step(0, 128, order, false);
 * const sums = await engine.takeEpochSums();
 */
export class KernelDenseEngine implements TrainingEngine {
  readonly kind = 'kernels' as const;
  private readonly host: HostData | undefined;
  private lossSum: tfjs.Scalar | null = null;
  private accSum: tfjs.Scalar | null = null;
  private jsLoss = 0;
  private jsAcc = 0;

  constructor(private readonly tf: Tf, private readonly plan: DenseTrainingPlan, private readonly x: tfjs.Tensor2D, private readonly y: tfjs.Tensor, private readonly validation?: { x: tfjs.Tensor2D; y: tfjs.Tensor }) {
    const backend = tf.getBackend();
    this.host = backend === 'wasm' || backend === 'cpu' ? hostData(x, y) : undefined;
  }

  private cut(start: number, size: number, order: Int32Array | null): [tfjs.Tensor2D, tfjs.Tensor] {
    const { tf, x, y, host } = this;
    const rows = x.shape[0];
    if (size === rows) return [x, y];
    const xCols = x.shape[1], yCols = y.size / rows;
    if (host) {
      const xb = new Float32Array(size * xCols), yb = new (host.y.constructor as Float32ArrayConstructor)(size * yCols);
      for (let r = 0; r < size; r++) {
        const row = order ? order[start + r] : start + r;
        xb.set(host.x.subarray(row * xCols, (row + 1) * xCols), r * xCols);
        yb.set(host.y.subarray(row * yCols, (row + 1) * yCols), r * yCols);
      }
      return [tf.tensor2d(xb, [size, xCols]), tf.tensor(yb, [size, ...y.shape.slice(1)], y.dtype === 'int32' ? 'int32' : 'float32')];
    }
    const idx = order ? tf.tensor1d(order.subarray(start, start + size), 'int32') : tf.range(start, start + size, 1, 'int32');
    const out: [tfjs.Tensor2D, tfjs.Tensor] = [tf.gather(x, idx), tf.gather(y, idx)];
    idx.dispose();
    return out;
  }

  step(start: number, size: number, order: Int32Array | null, stats: boolean): BatchStats | null {
    const { tf, plan } = this;
    const [xb, yb] = this.cut(start, size, order);
    const grads: tfjs.NamedTensorMap = {};
    const [loss, acc] = tf.tidy(() => {
      const acts = forward(tf, plan, xb);
      const { perSample, dz: dzOut, acc: accRows } = lossGradAcc(tf, plan, acts[acts.length - 1], yb);
      let dz = dzOut;
      for (let i = plan.layers.length - 1; i >= 0; i--) {
        const l = plan.layers[i];
        const a = i === 0 ? xb : acts[i - 1];
        grads[l.kernel.name] = tf.keep(tf.matMul(tf.transpose(a), dz as tfjs.Tensor2D));
        if (l.bias) grads[l.bias.name] = tf.keep(tf.sum(dz, 0));
        if (i > 0) dz = activationGrad(tf, plan.layers[i - 1].activation, a, tf.matMul(dz as tfjs.Tensor2D, tf.transpose(l.kernel.read() as tfjs.Tensor2D)));
      }
      return [tf.sum(perSample), accRows ? tf.sum(accRows) : tf.scalar(0)] as tfjs.Scalar[];
    });
    // in the variables' order, as model.fit hands them to the optimizer (Adam keys its moments by position)
    const ordered: tfjs.NamedTensorMap = {};
    for (const l of plan.layers) for (const v of l.bias ? [l.kernel, l.bias] : [l.kernel]) ordered[v.name] = grads[v.name];
    plan.optimizerObject.applyGradients(ordered);
    tf.dispose(Object.values(grads));
    if (xb !== this.x) tf.dispose([xb, yb]);
    if (stats) {
      const l = loss.dataSync()[0], c = acc.dataSync()[0];
      tf.dispose([loss, acc]);
      this.jsLoss += l;
      this.jsAcc += c;
      return { loss: Math.fround(l / size), acc: plan.accuracy ? Math.fround(c / size) : NaN };
    }
    this.lossSum = this.accumulate(this.lossSum, loss);
    this.accSum = this.accumulate(this.accSum, acc);
    return null;
  }

  private accumulate(sum: tfjs.Scalar | null, value: tfjs.Scalar): tfjs.Scalar {
    if (!sum) return value;
    const next = this.tf.add(sum, value) as tfjs.Scalar;
    this.tf.dispose([sum, value]);
    return next;
  }

  async takeEpochSums(): Promise<BatchStats> {
    const out = { loss: this.jsLoss, acc: this.jsAcc };
    if (this.lossSum) out.loss += (await this.lossSum.data())[0];
    if (this.accSum) out.acc += (await this.accSum.data())[0];
    this.tf.dispose([this.lossSum, this.accSum].filter((t): t is tfjs.Scalar => t !== null));
    this.lossSum = this.accSum = null;
    this.jsLoss = this.jsAcc = 0;
    return out;
  }

  async evaluate(): Promise<BatchStats> {
    const { tf, plan, validation } = this;
    if (!validation) throw new Error('KernelDenseEngine: no validation data');
    const [loss, acc] = tf.tidy(() => {
      const acts = forward(tf, plan, validation.x);
      const r = lossGradAcc(tf, plan, acts[acts.length - 1], validation.y);
      return [tf.mean(r.perSample), r.acc ? tf.mean(r.acc) : tf.scalar(NaN)];
    });
    const [l, a] = [(await loss.data())[0], (await acc.data())[0]];
    tf.dispose([loss, acc]);
    return { loss: l, acc: plan.accuracy ? a : NaN };
  }

  syncModel(): void { /* the weights live in the model's variables */ }

  reloadFromModel(): void { /* likewise */ }

  finish(): void {
    this.tf.dispose([this.lossSum, this.accSum].filter((t): t is tfjs.Scalar => t !== null));
    this.lossSum = this.accSum = null;
  }
}
