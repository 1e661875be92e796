import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Activation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
type Loss = 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy' | 'meanSquaredError';

/** A compiled Sequential of Dense layers, read into what the fused step needs. */
export interface DensePlan {
  layers: { kernel: tfjs.LayerVariable; bias: tfjs.LayerVariable | null; activation: Activation }[];
  loss: Loss;
  optimizer: tfjs.Optimizer;
}

export interface FitDenseOptions {
  epochs?: number;
  batchSize?: number;
  /** reshuffle the samples every epoch (default true) */
  shuffle?: boolean;
  /** called after each epoch with that epoch's mean loss (the only read from the backend) */
  onEpochEnd?: (epoch: number, logs: { loss: number }) => void | Promise<void>;
  /** checked before every batch; true stops training (the kernel's interrupt hooks in here) */
  shouldStop?: () => boolean;
  /** cut batches in JS from a CPU copy of the data (default: on 'wasm' and 'cpu') or gather on the backend */
  hostBatches?: boolean;
}

export interface FitDenseResult {
  /** mean training loss per epoch, weighted by batch size, as model.fit's history.loss */
  loss: number[];
  /** samples trained */
  samples: number;
}

const TF_LOSS_NAMES: Record<string, Loss> = {
  sparseCategoricalCrossentropy: 'sparseCategoricalCrossentropy', sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy',
  categoricalCrossentropy: 'categoricalCrossentropy', categorical_crossentropy: 'categoricalCrossentropy',
  meanSquaredError: 'meanSquaredError', mean_squared_error: 'meanSquaredError', mse: 'meanSquaredError', MSE: 'meanSquaredError',
};

const ACTIVATIONS: Record<string, Activation> = { linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax' };

/**
 * Reads a compiled `tf.sequential` of Dense layers into a plan for fitDense, or says in
 * words why it cannot (then use model.fit). Supported: Dense layers on 2-D input, hidden
 * activations linear/relu/sigmoid/tanh; output softmax with (sparse) categorical
 * cross-entropy, or any of those with mean squared error; no regularizers, constraints or
 * dropout; one loss, one output.
 *
 * @example
 * const plan = planDense(model);
 * if (typeof plan === 'string') console.log('fast path unavailable:', plan);
 */
export function planDense(model: tfjs.LayersModel): DensePlan | string {
  const m = model as tfjs.LayersModel & { optimizer?: tfjs.Optimizer; loss?: unknown };
  if (!m.optimizer) return 'the model is not compiled';
  const lossName = Array.isArray(m.loss) ? (m.loss.length === 1 ? m.loss[0] : undefined) : m.loss;
  const loss = typeof lossName === 'string' ? TF_LOSS_NAMES[lossName] : undefined;
  if (!loss) return `loss ${String(lossName)} is not supported (sparseCategoricalCrossentropy, categoricalCrossentropy, meanSquaredError)`;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'only one input and one output are supported';
  if (model.inputs[0].shape.length !== 2) return 'only 2-D input [batch, features] is supported';
  const layers: DensePlan['layers'] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    if (layer.getClassName() !== 'Dense') return `layer ${layer.name} is a ${layer.getClassName()}, not Dense`;
    const cfg = layer.getConfig() as Record<string, unknown>;
    if (cfg.kernelRegularizer || cfg.biasRegularizer || cfg.activityRegularizer || cfg.kernelConstraint || cfg.biasConstraint) return `layer ${layer.name} has a regularizer or constraint`;
    const activation = ACTIVATIONS[String(cfg.activation)];
    if (!activation) return `layer ${layer.name}: activation ${String(cfg.activation)} is not supported`;
    if (!layer.trainable) return `layer ${layer.name} is frozen (trainable: false)`;
    const w = (layer as unknown as { trainableWeights: tfjs.LayerVariable[] }).trainableWeights;
    const kernel = w.find((v) => v.shape.length === 2);
    const bias = w.find((v) => v.shape.length === 1) ?? null;
    if (!kernel || w.length !== (bias ? 2 : 1)) return `layer ${layer.name}: unexpected weights`;
    layers.push({ kernel, bias, activation });
  }
  if (layers.length === 0) return 'the model has no Dense layers';
  const hiddenSoftmax = layers.slice(0, -1).some((l) => l.activation === 'softmax');
  if (hiddenSoftmax) return 'softmax is supported on the output layer only';
  const out = layers[layers.length - 1].activation;
  if (loss !== 'meanSquaredError' && out !== 'softmax') return `${loss} is supported after a softmax output only`;
  if (loss === 'meanSquaredError' && out === 'softmax') return 'meanSquaredError after softmax is not supported';
  return { layers, loss, optimizer: m.optimizer };
}

/** dL/dz from dL/da for a hidden activation, given a = act(z). */
function activationGrad(tf: Tf, act: Activation, a: tfjs.Tensor, da: tfjs.Tensor): tfjs.Tensor {
  switch (act) {
    case 'relu': return tf.mul(da, tf.step(a)); // a > 0 ⇔ z > 0; relu'(0) = 0 as tfjs
    case 'sigmoid': return tf.mul(da, tf.mul(a, tf.sub(1, a)));
    case 'tanh': return tf.mul(da, tf.sub(1, tf.square(a)));
    default: return da;
  }
}

const FUSED: Partial<Record<Activation, 'relu' | 'sigmoid' | 'linear'>> = { relu: 'relu', sigmoid: 'sigmoid', linear: 'linear' };

/**
 * One training step on a batch: forward with fused matMul+bias+activation, loss, backward
 * written out with explicit transposes (plain matMuls: fast on wasm), and one
 * `optimizer.applyGradients` keyed by the variables' names, as model.fit's optimizer sees
 * them. Returns the batch's mean loss as a scalar tensor (not read).
 */
export function denseStep(tf: Tf, plan: DensePlan, x: tfjs.Tensor2D, y: tfjs.Tensor): tfjs.Scalar {
  const { layers, loss: lossKind, optimizer } = plan;
  const grads: Record<string, tfjs.Tensor> = {};
  const loss = tf.tidy(() => {
    const acts: tfjs.Tensor2D[] = [x];
    let p: tfjs.Tensor2D = x;
    layers.forEach((l, i) => {
      const last = i === layers.length - 1;
      const fused = FUSED[l.activation];
      const W = l.kernel.read() as tfjs.Tensor2D, b = l.bias?.read();
      if (fused) p = tf.fused.matMul({ a: p, b: W, bias: b, activation: fused }) as tfjs.Tensor2D;
      else {
        const z = b ? tf.add(tf.matMul(p, W), b) as tfjs.Tensor2D : tf.matMul(p, W);
        p = (l.activation === 'softmax' ? tf.softmax(z) : tf.tanh(z)) as tfjs.Tensor2D;
      }
      if (!last) acts.push(p);
    });
    const n = x.shape[0];
    let dz: tfjs.Tensor;
    let batchLoss: tfjs.Scalar;
    if (lossKind === 'meanSquaredError') {
      const diff = tf.sub(p, y);
      batchLoss = tf.mean(tf.square(diff)) as tfjs.Scalar;
      const da = tf.mul(diff, 2 / diff.size);
      dz = activationGrad(tf, layers[layers.length - 1].activation, p, da);
    } else {
      const depth = p.shape[1];
      const oneHot = lossKind === 'sparseCategoricalCrossentropy' ? tf.oneHot(tf.cast(tf.reshape(y, [-1]), 'int32'), depth) : y;
      // tfjs: -sum(y · log(clip(p, ε, 1 − ε))), ε = 1e-7, mean over the batch
      const eps = 1e-7; // tfjs-layers' epsilon()
      batchLoss = tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(p, eps, 1 - eps))), -1))) as tfjs.Scalar;
      dz = tf.div(tf.sub(p, oneHot), n); // softmax + cross-entropy
    }
    for (let i = layers.length - 1; i >= 0; i--) {
      const l = layers[i];
      const a = acts[i];
      grads[l.kernel.name] = tf.keep(tf.matMul(tf.transpose(a), dz as tfjs.Tensor2D));
      if (l.bias) grads[l.bias.name] = tf.keep(tf.sum(dz, 0));
      if (i > 0) dz = activationGrad(tf, layers[i - 1].activation, a, tf.matMul(dz as tfjs.Tensor2D, tf.transpose(l.kernel.read() as tfjs.Tensor2D)));
    }
    return batchLoss;
  });
  optimizer.applyGradients(varMap(plan, grads));
  tf.dispose(Object.values(grads));
  return loss;
}

/**
 * applyGradients wants `{ [variable name]: gradient }`; a LayerVariable's name is its
 * backend variable's, which model.fit's optimizer keys its state (Adam's moments) by, so
 * the two paths share one optimizer state.
 */
function varMap(plan: DensePlan, grads: Record<string, tfjs.Tensor>): tfjs.NamedTensorMap {
  const out: tfjs.NamedTensorMap = {};
  for (const l of plan.layers) {
    for (const v of l.bias ? [l.kernel, l.bias] : [l.kernel]) {
      out[v.name] = grads[v.name];
    }
  }
  return out;
}

/** One CPU copy of x and y, and row gathers into reused buffers. */
function hostRows(x: tfjs.Tensor2D, y: tfjs.Tensor) {
  const xCols = x.shape[1];
  const yCols = y.size / y.shape[0];
  const xs = x.dataSync() as Float32Array;
  const ys = y.dataSync();
  const gather = <T extends tfjs.TypedArray>(src: T, cols: number, rows: Int32Array): T => {
    const out = new (src.constructor as new (n: number) => T)(rows.length * cols);
    for (let i = 0; i < rows.length; i++) out.set(src.subarray(rows[i] * cols, (rows[i] + 1) * cols) as T, i * cols);
    return out;
  };
  return {
    xCols,
    gatherX: (rows: Int32Array) => gather(xs, xCols, rows),
    gatherY: (rows: Int32Array) => gather(ys as tfjs.TypedArray, yCols, rows),
  };
}

/**
 * Trains a compiled Sequential of Dense layers like `model.fit(x, y, { epochs, batchSize,
 * shuffle })` does, through the fused step: batches cut in JS on wasm/cpu (gathered on the
 * backend elsewhere), losses summed on the backend and read once per epoch. Same optimizer object
 * and state as model.fit. Throws with the reason when the model is not a supported Dense
 * stack (planDense).
 *
 * @example
 * model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
 * const { loss } = await fitDense(tf, model, xTrain, yTrain, { epochs: 5, batchSize: 128 });
 */
export async function fitDense(tf: Tf, model: tfjs.LayersModel, x: tfjs.Tensor, y: tfjs.Tensor, opts: FitDenseOptions = {}): Promise<FitDenseResult> {
  const plan = planDense(model);
  if (typeof plan === 'string') throw new Error(`fitDense: ${plan}`);
  const epochs = opts.epochs ?? 1;
  const batchSize = opts.batchSize ?? 32;
  const n = x.shape[0];
  if (y.shape[0] !== n) throw new Error(`fitDense: x has ${n} samples but y has ${y.shape[0]}`);
  const x2 = x.rank === 2 ? (x as tfjs.Tensor2D) : tf.reshape(x, [n, -1]) as tfjs.Tensor2D;
  const history: number[] = [];
  let trained = 0;
  // On backends whose tensors live in CPU memory (wasm, cpu), batches are cut in JS from one
  // copy of the data: tfjs-wasm's Gather and Slice take time in proportion to the whole
  // source tensor (~6 ms per 128-row batch of 10,000 digits, more than the training step),
  // a row copy takes ~0.03 ms. On webgl the data stays on the GPU and is gathered there.
  const onHost = opts.hostBatches ?? (tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu');
  const host = n > batchSize && onHost ? hostRows(x2, y) : undefined;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = n <= batchSize ? new Int32Array(0) : new Int32Array(n);
      for (let i = 0; i < order.length; i++) order[i] = i;
      if (opts.shuffle !== false && order.length > 0) tf.util.shuffle(order);
      let total: tfjs.Scalar = tf.scalar(0);
      let stopped = false;
      for (let start = 0; start < n; start += batchSize) {
        if (opts.shouldStop?.()) { stopped = true; break; }
        const size = Math.min(batchSize, n - start);
        if (size === n) {
          // One batch of everything: its order changes no gradient, so no gather (tiny models, e.g. XOR).
          const l = denseStep(tf, plan, x2, y);
          total.dispose();
          total = l;
          trained += size;
          continue;
        }
        const rows = order.subarray(start, start + size);
        let xb: tfjs.Tensor2D, yb: tfjs.Tensor;
        if (host) {
          xb = tf.tensor2d(host.gatherX(rows), [size, host.xCols]);
          yb = tf.tensor(host.gatherY(rows), [size, ...y.shape.slice(1)], y.dtype);
        } else {
          const idx = tf.tensor1d(rows, 'int32');
          xb = tf.gather(x2, idx);
          yb = tf.gather(y, idx);
          idx.dispose();
        }
        const l = denseStep(tf, plan, xb, yb);
        const next = tf.tidy(() => tf.add(total, tf.mul(l, size))) as tfjs.Scalar;
        tf.dispose([xb, yb, l, total]);
        total = next;
        trained += size;
      }
      const sum = (await total.data())[0];
      total.dispose();
      if (stopped) break;
      const mean = n <= batchSize ? sum : sum / n;
      history.push(mean);
      await opts.onEpochEnd?.(epoch, { loss: mean });
    }
  } finally {
    if (x2 !== x) x2.dispose();
  }
  return { loss: history, samples: trained };
}
