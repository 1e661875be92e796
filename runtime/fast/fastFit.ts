import type * as tfjs from '@tensorflow/tfjs';
import { macsPerSample, planDenseTraining, type DenseTrainingPlan } from './densePlan';
import { FitCallbackList } from './fitCallbackList';
import { JS_MATMUL, kernelMatMul } from './hostMatMul';
import { hostData } from './hostData';
import { JsDenseEngine } from './jsDenseEngine';
import { KernelDenseEngine } from './kernelDenseEngine';
import type { TrainingEngine } from './trainingEngine';

type Tf = typeof tfjs;

/**
 * Off wasm/cpu (webgl), steps whose forward multiply-adds (per sample × batch) stay under
 * this run all in plain JS (no readback per step); bigger ones on fused kernels.
 */
export const JS_ENGINE_MAX_MACS = 200_000;

/**
 * On wasm/cpu, matrix products of at least this many multiply-adds go to tfjs's matMul
 * kernel, smaller ones run in JS: measured on wasm, a kernel call costs ~0.05 ms whatever
 * its size and JS ~2.7 ns per multiply-add, so they break even near 20,000.
 */
export const KERNEL_MATMUL_MIN_MACS = 20_000;

/** Which path a model.fit took, for `nn.lastFit`. */
export interface FitRoute {
  /**
   * 'fast-js': plain JS; 'fast-host': JS with tfjs's matMul kernel for the big products
   * (wasm, cpu); 'fast-kernels': fused tfjs kernels, data on the backend (webgl);
   * 'tfjs': tfjs's own model.fit
   */
  path: 'fast-js' | 'fast-host' | 'fast-kernels' | 'tfjs';
  /** why tfjs's model.fit ran (absent on the fast paths) */
  reason?: string;
  /**
   * On 'fast-host': the fraction of the inputs that are not zero (3 digits; counted over at
   * most 262,144 of them), when the first layer's products skipped the zeros
   * (StepArena.sparseXW/XTD; MNIST's pixels: 0.19)
   */
  sparseInput?: number;
}

const SUPPORTED_ARGS = new Set(['epochs', 'batchSize', 'shuffle', 'callbacks', 'validationData', 'validationSplit', 'verbose', 'initialEpoch', 'yieldEvery']);

/** The fit arguments fastFit takes as they are, or why not. */
function checkArgs(tf: Tf, x: unknown, y: unknown, args: tfjs.ModelFitArgs): string | null {
  for (const [k, v] of Object.entries(args)) if (v !== undefined && !SUPPORTED_ARGS.has(k)) return `fit option ${k}`;
  if (!(x instanceof tf.Tensor) || !(y instanceof tf.Tensor)) return 'x or y is not a single tensor';
  if (x.rank !== 2 || x.dtype !== 'float32') return 'x is not a 2-D float32 tensor';
  if (y.shape[0] !== x.shape[0]) return 'x and y do not match';
  if (y.dtype !== 'float32' && y.dtype !== 'int32') return `y is ${y.dtype}`;
  if (args.shuffle !== undefined && typeof args.shuffle !== 'boolean') return `shuffle: ${String(args.shuffle)}`;
  const v = args.validationData;
  if (v !== undefined && (!Array.isArray(v) || v.length !== 2 || !(v[0] instanceof tf.Tensor) || !(v[1] instanceof tf.Tensor) || v[0].rank !== 2 || v[0].dtype !== 'float32' || (v[1].dtype !== 'float32' && v[1].dtype !== 'int32'))) return 'validationData is not [x, y] tensors';
  return null;
}

/** y's shape must be what the loss wants, else tfjs's model.fit says what is wrong. */
function checkTargets(plan: DenseTrainingPlan, x: tfjs.Tensor, y: tfjs.Tensor): string | null {
  const units = plan.layers[plan.layers.length - 1].units;
  if (x.shape[1] !== plan.layers[0].inputs) return 'x has the wrong number of features';
  if (plan.loss === 'sparseCategoricalCrossentropy') {
    if (y.dtype !== 'float32') return `int32 labels (tfjs's sparseCategoricalCrossentropy rejects them: its floor takes float32)`;
    return y.rank === 1 || (y.rank === 2 && y.shape[1] === 1) ? null : 'y is not one label per sample';
  }
  return y.rank === 2 && y.shape[1] === units ? null : 'y does not have the output shape';
}

export interface FastFitOptions {
  /** checked before every batch; true stops training after it (the interrupt) */
  shouldStop?: () => boolean;
  /** force an engine (tests, benchmarks); default by size (JS_ENGINE_MAX_MACS) and backend */
  engine?: 'js' | 'host' | 'kernels';
}

/**
 * `model.fit(x, y, args)` through a fused training step, when the model and the options
 * are ones it supports (planDenseTraining, checkArgs): same maths, same optimizer (and its
 * state), same callbacks and logs (loss, acc, val_loss, val_acc), a tf.History back. Returns
 * a string instead, saying why, when tfjs's own model.fit must run.
 *
 * @example
 * const r = await fastFit(tf, model, x, y, { epochs: 2000, batchSize: 4 });
 * const history = typeof r === 'string' ? await model.fit(x, y, { epochs: 2000, batchSize: 4 }) : r.history;
 */
export async function fastFit(tf: Tf, model: tfjs.LayersModel, x: tfjs.Tensor, y: tfjs.Tensor, args: tfjs.ModelFitArgs = {}, opts: FastFitOptions = {}): Promise<{ history: tfjs.History; route: FitRoute } | string> {
  const plan = planDenseTraining(model);
  if (typeof plan === 'string') return plan;
  const bad = checkArgs(tf, x, y, args) ?? checkTargets(plan, x, y);
  if (bad) return bad;
  const split = args.validationSplit ?? 0;
  if (!(split >= 0 && split < 1)) return `validationSplit ${split}`;
  if (args.validationData && split > 0) return 'both validationData and validationSplit';
  const valGiven = args.validationData as [tfjs.Tensor, tfjs.Tensor] | undefined;
  if (valGiven && (checkTargets(plan, valGiven[0], valGiven[1]) || valGiven[0].shape[0] !== valGiven[1].shape[0])) return 'validationData does not have the model\'s shapes';
  const m = model as tfjs.LayersModel & { isTraining: boolean; history: tfjs.History };
  if (m.isTraining) return 'another fit() is running on this model';

  // tfjs: validationSplit takes the last fraction of the samples, before any shuffling
  const total = x.shape[0];
  const splitAt = split > 0 ? Math.floor(total * (1 - split)) : total;
  const owned: tfjs.Tensor[] = [];
  const part = (t: tfjs.Tensor, begin: number, size: number) => { const s = tf.slice(t, begin, size); owned.push(s); return s; };
  const xTrain = (split > 0 ? part(x, 0, splitAt) : x) as tfjs.Tensor2D;
  const yTrain = split > 0 ? part(y, 0, splitAt) : y;
  const validation = split > 0 ? { x: part(x, splitAt, total - splitAt) as tfjs.Tensor2D, y: part(y, splitAt, total - splitAt) } : valGiven ? { x: valGiven[0] as tfjs.Tensor2D, y: valGiven[1] } : undefined;
  const n = xTrain.shape[0];
  if (n === 0) { tf.dispose(owned); return 'no training samples'; }

  const batchSize = Math.min(args.batchSize ?? 32, n);
  const epochs = args.epochs ?? 1;
  const initialEpoch = args.initialEpoch ?? 0;
  const onHost = tf.getBackend() === 'wasm' || tf.getBackend() === 'cpu';
  const biggest = Math.max(...plan.layers.map((l) => l.inputs * l.units)) * batchSize;
  const kind = opts.engine ?? (onHost ? (biggest < KERNEL_MATMUL_MIN_MACS ? 'js' : 'host') : macsPerSample(plan) * batchSize <= JS_ENGINE_MAX_MACS ? 'js' : 'kernels');
  let engine: TrainingEngine;
  try {
    engine = kind === 'kernels'
      ? new KernelDenseEngine(tf, plan, xTrain, yTrain, validation)
      : new JsDenseEngine(tf, plan, hostData(xTrain, yTrain), batchSize, validation ? hostData(validation.x, validation.y) : undefined, kind === 'host' ? kernelMatMul(tf, KERNEL_MATMUL_MIN_MACS) : JS_MATMUL);
  } catch (e) {
    tf.dispose(owned);
    // a WebAssembly memory the size of the training set may not be had: tfjs's loop still trains
    if (e instanceof RangeError) return `no memory for the fast path (${e.message})`;
    throw e;
  }
  const metrics = [...plan.metricsNames, ...(validation ? plan.metricsNames.map((k) => `val_${k}`) : [])];
  const history = new tf.History();
  const callbacks = new FitCallbackList(tf, args.callbacks, history, args.yieldEvery);
  callbacks.setModel(model);
  callbacks.setParams({ epochs, initialEpoch, samples: n, steps: null as unknown as number, batchSize: args.batchSize ?? 32, verbose: args.verbose ?? 1, doValidation: !!validation, metrics });
  m.history = history;
  m.isTraining = true;
  const accKey = plan.metricsNames.find((k) => k !== 'loss');
  // the weights go into the model at most once per step, however many events look at them
  // (before the first step the model holds them already: the engine started from them)
  let steps = 0, syncedAt = 0;
  const sync = () => { if (syncedAt !== steps) { engine.syncModel(); syncedAt = steps; } };
  // after an event's callbacks: if one set the model's weights (restoring the best epoch's,
  // say), training goes on from those (the engine compares variable ids: no read otherwise)
  const fire = (event: Parameters<FitCallbackList['fire']>[0], ...rest: unknown[]): Promise<void> | undefined => {
    const p = callbacks.fire(event, sync, ...rest);
    if (!p) { engine.reloadFromModel(); return undefined; }
    return p.then(() => engine.reloadFromModel());
  };
  try {
    await fire('onTrainBegin', {});
    model.stopTraining = false;
    const batches = Math.ceil(n / batchSize);
    // as tfjs: one index array, shuffled again every epoch (with nn.seed, the same batches as tfjs's loop)
    const order = args.shuffle === false ? null : Int32Array.from({ length: n }, (_, i) => i);
    let lastYield = performance.now();
    for (let epoch = initialEpoch; epoch < epochs; epoch++) {
      if (callbacks.listens('onEpochBegin')) { const p = fire('onEpochBegin', epoch, {}); if (p) await p; }
      if (order) tf.util.shuffle(order);
      let seen = 0;
      const wantStats = callbacks.wantsBatchLogs;
      for (let b = 0; b < batches; b++) {
        if (opts.shouldStop?.()) { model.stopTraining = true; break; }
        const start = b * batchSize, size = Math.min(batchSize, n - start);
        const logs: tfjs.Logs = { batch: b, size };
        if (callbacks.listens('onBatchBegin')) { const p = fire('onBatchBegin', b, logs); if (p) await p; }
        const stats = engine.step(start, size, order, wantStats);
        steps++;
        seen += size;
        if (stats) { logs.loss = stats.loss; if (accKey) logs[accKey] = stats.acc; }
        // no await (no microtask turn) when every handler returned without a promise
        if (callbacks.listens('onBatchEnd')) { const p = fire('onBatchEnd', b, logs); if (p) await p; }
        // a cell with no callbacks still lets the event loop run (messages, the webview's interrupt)
        if (args.yieldEvery !== 'never' && performance.now() - lastYield > 125) { await tf.nextFrame(); lastYield = performance.now(); }
        if (model.stopTraining) break;
      }
      const epochLogs: tfjs.Logs = {};
      if (validation && seen === n) {
        const v = await engine.evaluate();
        epochLogs.val_loss = v.loss;
        if (accKey) epochLogs[`val_${accKey}`] = v.acc;
      }
      const sums = engine.takeEpochSumsNow?.() ?? await engine.takeEpochSums();
      if (seen > 0) {
        epochLogs.loss = sums.loss / seen;
        if (accKey) epochLogs[accKey] = sums.acc / seen;
      }
      if (callbacks.listens('onEpochEnd')) { const p = fire('onEpochEnd', epoch, epochLogs); if (p) await p; }
      callbacks.recordEpoch(epoch, epochLogs); // after them, as tfjs's History comes last
      if (model.stopTraining) break;
    }
    await fire('onTrainEnd', {});
  } finally {
    m.isTraining = false;
    engine.finish();
    tf.dispose(owned);
  }
  const route: FitRoute = { path: `fast-${kind}` };
  if (engine.inputDensity !== undefined) route.sparseInput = +engine.inputDensity.toFixed(3);
  return { history, route };
}
