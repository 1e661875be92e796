import type * as tfjs from '@tensorflow/tfjs';

export type DenseActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh' | 'softmax';
export type DenseLoss = 'meanSquaredError' | 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy';
/** Which accuracy tfjs's `metrics: ['accuracy']` picks for this loss and output (training.ts). */
export type DenseAccuracy = 'binary' | 'categorical' | 'sparseCategorical';

export interface DenseLayerPlan {
  kernel: tfjs.LayerVariable;
  bias: tfjs.LayerVariable | null;
  activation: DenseActivation;
  inputs: number;
  units: number;
}

/** The optimizer's hyper-parameters, read from the compiled model's optimizer object. */
export type DenseOptimizerPlan =
  | { kind: 'sgd'; learningRate: number }
  | { kind: 'adam'; learningRate: number; beta1: number; beta2: number; epsilon: number };

/** A compiled Sequential of Dense layers, as the fused training paths need it. */
export interface DenseTrainingPlan {
  layers: DenseLayerPlan[];
  loss: DenseLoss;
  optimizer: DenseOptimizerPlan;
  /** tfjs's optimizer object (its state is read and written back, or used directly) */
  optimizerObject: tfjs.Optimizer;
  /** null when compiled without metrics: ['accuracy'] */
  accuracy: DenseAccuracy | null;
  /** model.metricsNames, e.g. ['loss', 'acc']: the keys of the logs */
  metricsNames: string[];
}

const LOSS_NAMES: Record<string, DenseLoss> = {
  meanSquaredError: 'meanSquaredError', mean_squared_error: 'meanSquaredError', mse: 'meanSquaredError', MSE: 'meanSquaredError',
  binaryCrossentropy: 'binaryCrossentropy', binary_crossentropy: 'binaryCrossentropy',
  categoricalCrossentropy: 'categoricalCrossentropy', categorical_crossentropy: 'categoricalCrossentropy',
  sparseCategoricalCrossentropy: 'sparseCategoricalCrossentropy', sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy',
};

const ACTIVATIONS: Record<string, DenseActivation> = { linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', tanh: 'tanh', softmax: 'softmax' };

function readOptimizer(o: tfjs.Optimizer): DenseOptimizerPlan | string {
  const className = (o.constructor as { className?: string }).className;
  const cfg = o.getConfig() as Record<string, number>;
  if (className === 'SGD') return { kind: 'sgd', learningRate: cfg.learningRate };
  if (className === 'Adam') return { kind: 'adam', learningRate: cfg.learningRate, beta1: cfg.beta1, beta2: cfg.beta2, epsilon: cfg.epsilon };
  return `optimizer ${String(className)} (the fast path has sgd and adam)`;
}

function readAccuracy(model: tfjs.LayersModel, loss: DenseLoss, units: number): DenseAccuracy | null | { reason: string } {
  const names = (model as unknown as { metricsNames?: string[] }).metricsNames ?? ['loss'];
  const extra = names.filter((n) => n !== 'loss');
  if (extra.length === 0) return null;
  if (extra.length > 1 || extra[0] !== 'acc') return { reason: `metrics ${extra.join(', ')} (the fast path has accuracy only)` };
  // tfjs: binary accuracy when the output has one unit or the loss is binary cross-entropy
  if (units === 1 || loss === 'binaryCrossentropy') return 'binary';
  return loss === 'sparseCategoricalCrossentropy' ? 'sparseCategorical' : 'categorical';
}

/**
 * Reads a compiled model into a plan for the fused training paths, or says in words why
 * it is not eligible (then tfjs's own model.fit runs). Eligible: a Sequential (one 2-D
 * input, one output) of trainable Dense layers with activations linear/relu/sigmoid/tanh
 * (softmax on the output only), no regularizers or constraints; optimizer sgd or adam;
 * loss meanSquaredError, binaryCrossentropy after a sigmoid output, or (sparse)
 * categoricalCrossentropy after a softmax output; metrics none or accuracy.
 *
 * @example
 * const plan = planDenseTraining(model);
 * if (typeof plan === 'string') console.log('tfjs model.fit runs, because', plan);
 */
export function planDenseTraining(model: tfjs.LayersModel): DenseTrainingPlan | string {
  const m = model as tfjs.LayersModel & { optimizer?: tfjs.Optimizer; loss?: unknown };
  if (!m.optimizer) return 'the model is not compiled';
  const lossName = Array.isArray(m.loss) ? (m.loss.length === 1 ? m.loss[0] : undefined) : m.loss;
  const loss = typeof lossName === 'string' ? LOSS_NAMES[lossName] : undefined;
  if (!loss) return `loss ${typeof lossName === 'string' ? lossName : 'function'} (the fast path has mse, binaryCrossentropy, (sparse)categoricalCrossentropy)`;
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'more than one input or output';
  if (model.inputs[0].shape.length !== 2) return 'input is not 2-D [batch, features]';
  const layers: DenseLayerPlan[] = [];
  for (const layer of model.layers) {
    const kind = layer.getClassName();
    if (kind === 'InputLayer') continue;
    if (kind !== 'Dense') return `layer ${layer.name} is ${kind}`;
    const cfg = layer.getConfig() as Record<string, unknown>;
    if (cfg.kernelRegularizer || cfg.biasRegularizer || cfg.activityRegularizer || cfg.kernelConstraint || cfg.biasConstraint) return `layer ${layer.name} has a regularizer or constraint`;
    const activation = ACTIVATIONS[String(cfg.activation)];
    if (!activation) return `layer ${layer.name} has activation ${String(cfg.activation)}`;
    if (!layer.trainable) return `layer ${layer.name} is frozen`;
    const w = (layer as unknown as { trainableWeights: tfjs.LayerVariable[] }).trainableWeights;
    const all = (layer as unknown as { weights: tfjs.LayerVariable[] }).weights;
    const kernel = w.find((v) => v.shape.length === 2);
    const bias = w.find((v) => v.shape.length === 1) ?? null;
    if (!kernel || w.length !== (bias ? 2 : 1) || all.length !== w.length || w[0] !== kernel) return `layer ${layer.name} has unexpected weights`;
    layers.push({ kernel, bias, activation, inputs: kernel.shape[0] as number, units: kernel.shape[1] as number });
  }
  if (layers.length === 0) return 'no Dense layers';
  if (layers.slice(0, -1).some((l) => l.activation === 'softmax')) return 'softmax on a hidden layer';
  const last = layers[layers.length - 1];
  if ((loss === 'categoricalCrossentropy' || loss === 'sparseCategoricalCrossentropy') && last.activation !== 'softmax') return `${loss} without a softmax output`;
  if (loss === 'binaryCrossentropy' && last.activation !== 'sigmoid') return 'binaryCrossentropy without a sigmoid output';
  if (loss === 'meanSquaredError' && last.activation === 'softmax') return 'meanSquaredError after softmax';
  const optimizer = readOptimizer(m.optimizer);
  if (typeof optimizer === 'string') return optimizer;
  const accuracy = readAccuracy(model, loss, last.units);
  if (accuracy !== null && typeof accuracy === 'object') return accuracy.reason;
  const metricsNames = [...((model as unknown as { metricsNames?: string[] }).metricsNames ?? ['loss'])];
  return { layers, loss, optimizer, optimizerObject: m.optimizer, accuracy, metricsNames };
}

/** Multiply-adds of one forward pass for one sample: the size the engines are chosen by. */
export function macsPerSample(plan: DenseTrainingPlan): number {
  return plan.layers.reduce((s, l) => s + l.inputs * l.units, 0);
}
