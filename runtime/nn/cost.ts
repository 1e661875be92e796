/**
 * `nn.cost(model, { samples, epochs, seconds })`: what training a model costs, counted
 * from its layers — parameters, floating-point operations (FLOPs) and an energy estimate
 * whose assumptions are printed with it.
 *
 * Counting convention: a multiply-add is 2 FLOPs, so a weight matrix applied once costs
 * 2 FLOPs per weight and a bias 1 FLOP per value. Element-wise work (activations, gates'
 * non-linearities, dropout masks) is small beside the matrix products and is not counted.
 * A training step (forward + backward) is taken as 3 × the forward pass: the backward pass
 * computes two products per weight matrix (gradients of the inputs and of the weights).
 */
import type * as tfjs from '@tensorflow/tfjs';
import { MIME } from '../../src/kernel/protocol';
import { SHOWN } from '../display/formatValue';
import type { DisplaySink } from './DisplaySink';

export interface CostOptions {
  /** Training samples per epoch. */
  samples: number;
  /** Epochs trained (default 1). */
  epochs?: number;
  /** Measured training time in seconds, e.g. `(performance.now() - t0) / 1000` around `fit`. */
  seconds?: number;
  /** Power the computer draws while it trains, for the energy estimate (default 15 W: a laptop CPU). */
  watts?: number;
}

/** One layer's share: `flops` is null when nnbook cannot count that kind of layer. */
export interface LayerCost {
  name: string;
  className: string;
  params: number;
  /** Forward FLOPs per sample; null: not counted (see `note`). */
  flops: number | null;
  note?: string;
}

export interface CostReport {
  params: number;
  layers: LayerCost[];
  /** Forward FLOPs per sample, over the layers that could be counted. */
  forwardFlops: number;
  /** ≈ 3 × forwardFlops. */
  trainFlopsPerSample: number;
  flopsPerEpoch: number;
  totalFlops: number;
  /** Layers whose FLOPs are not in the totals (the totals are then a lower bound). */
  uncounted: string[];
  seconds?: number;
  /** FLOPs per second actually achieved (needs `seconds`). */
  flopsPerSecond?: number;
  /** Joules at `watts` for `seconds` (needs `seconds`). */
  joules?: number;
  /** The same work on an A100 (see A100 below). */
  a100: { seconds: number; joules: number };
  /** The table nn.cost shows. */
  text: string;
}

/** Training ≈ forward + backward, the backward pass ≈ 2 × forward. */
export const TRAIN_FACTOR = 3;
/** An NVIDIA A100's dense FP32 peak (no tensor cores), the utilisation real training reaches, and its board power. */
export const A100 = { peakFlops: 19.5e12, utilisation: 0.4, watts: 300 };

const NO_ARITHMETIC = new Set(['InputLayer', 'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Embedding', 'Masking']);
const ELEMENTWISE = new Set(['Activation', 'ReLU', 'LeakyReLU', 'ELU', 'Softmax', 'ThresholdedReLU', 'PReLU',
  'Dropout', 'SpatialDropout1D', 'AlphaDropout', 'GaussianDropout', 'GaussianNoise', 'BatchNormalization', 'LayerNormalization']);
const WEIGHTED = new Set(['Dense', 'Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D', 'SeparableConv2D']);
const RECURRENT = new Set(['SimpleRNN', 'GRU', 'LSTM']);
const POOLING = new Set(['MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D']);
const GLOBAL_POOLING = new Set(['GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'GlobalAveragePooling1D', 'GlobalAveragePooling2D']);

const product = (dims: readonly (number | null)[]): number | null =>
  dims.some((d) => d === null) ? null : (dims as number[]).reduce((a, b) => a * b, 1);

/** A built layer's one input/output shape (the first, for layers called once). */
function shapeOf(s: tfjs.Shape | tfjs.Shape[]): (number | null)[] {
  return (Array.isArray(s[0]) ? s[0] : s) as (number | null)[];
}

/** A layer's input shape; RNN layers keep theirs only on the inbound node (inputs and states as a list). */
function inputShapeOf(layer: tfjs.layers.Layer): (number | null)[] {
  const l = layer as unknown as { inputShape?: tfjs.Shape | tfjs.Shape[]; inboundNodes: { inputShapes: tfjs.Shape | tfjs.Shape[] }[] };
  return shapeOf(l.inputShape ?? l.inboundNodes[0].inputShapes);
}

/** The feature dimensions of a shape without the batch: channels-last unless the layer says otherwise. */
function spatial(layer: tfjs.layers.Layer, shape: (number | null)[]): (number | null)[] {
  const channelsFirst = (layer.getConfig() as { dataFormat?: string }).dataFormat === 'channelsFirst';
  return channelsFirst ? shape.slice(2) : shape.slice(1, -1);
}

/**
 * Forward FLOPs per sample of one built layer, or why they cannot be counted.
 *
 * @example
 * layerFlops(tf.layers.dense({ inputShape: [3], units: 4 }))  // after building: { flops: 2·3·4 + 4 = 28 }
 */
export function layerFlops(layer: tfjs.layers.Layer): { flops: number | null; note?: string } {
  const kind = layer.getClassName();
  if (NO_ARITHMETIC.has(kind)) return { flops: 0, note: 'no arithmetic' };
  if (ELEMENTWISE.has(kind)) return { flops: 0, note: 'element-wise, not counted' };
  const isBias = (w: tfjs.LayerVariable) => /bias/.test(w.originalName ?? w.name);
  const size = (w: tfjs.LayerVariable) => (w.shape as number[]).reduce((a, b) => a * b, 1); // weights are fully defined
  const kernels = layer.weights.filter((w) => !isBias(w)).reduce((s, w) => s + size(w), 0);
  const biases = layer.weights.filter(isBias).reduce((s, w) => s + size(w), 0);
  if (WEIGHTED.has(kind)) {
    // Every weight is used once per output position (a Dense layer: once per row; a
    // convolution: once per output pixel): 2 FLOPs per weight, 1 per bias value.
    const positions = product(kind === 'Dense' ? shapeOf(layer.outputShape).slice(1, -1) : spatial(layer, shapeOf(layer.outputShape)));
    if (positions === null) return { flops: null, note: 'output size unknown (give the input shape)' };
    return { flops: positions * (2 * kernels + biases) };
  }
  if (RECURRENT.has(kind)) {
    // Each time step multiplies the input by the kernel and the state by the recurrent
    // kernel (all gates at once: GRU 3, LSTM 4 blocks), then adds the bias.
    const steps = inputShapeOf(layer)[1];
    if (steps === null || steps === undefined) return { flops: null, note: 'sequence length unknown (give inputShape [steps, features])' };
    return { flops: steps * (2 * kernels + biases), note: 'gate non-linearities not counted' };
  }
  if (POOLING.has(kind)) {
    // One comparison (max) or addition (average) per input value in each window.
    const out = product(shapeOf(layer.outputShape).slice(1));
    const pool = (layer.getConfig() as { poolSize?: number | number[] }).poolSize ?? 2;
    const window = Array.isArray(pool) ? pool.reduce((a, b) => a * b, 1) : pool;
    if (out === null) return { flops: null, note: 'output size unknown' };
    return { flops: out * window };
  }
  if (GLOBAL_POOLING.has(kind)) {
    const input = product(inputShapeOf(layer).slice(1));
    return input === null ? { flops: null, note: 'input size unknown' } : { flops: input };
  }
  return { flops: null, note: `cannot count a ${kind} layer: left out of the totals` };
}

/** Layers of a model, nested Sequential/Model layers opened up. */
function leafLayers(layers: tfjs.layers.Layer[]): tfjs.layers.Layer[] {
  return layers.flatMap((l) => {
    const inner = (l as unknown as { layers?: tfjs.layers.Layer[] }).layers;
    return Array.isArray(inner) ? leafLayers(inner) : [l];
  });
}

function positiveNumber(v: unknown, name: string, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new TypeError(`nn.cost: ${name} must be a positive ${integer ? 'whole number' : 'number'}, got ${String(v)}`);
  }
  return v;
}

/**
 * Counts a built model's parameters and FLOPs and estimates the energy of training it.
 *
 * @example
 * const t0 = performance.now();
 * await model.fit(xs, ys, { epochs: 100 });
 * const report = costOf(model, { samples: 4, epochs: 100, seconds: (performance.now() - t0) / 1000 });
 * report.totalFlops; // ≈ 3 × forward FLOPs × 4 × 100
 */
export function costOf(model: tfjs.LayersModel, opts: CostOptions): CostReport {
  if (!model || typeof (model as { countParams?: unknown }).countParams !== 'function' || !Array.isArray(model.layers)) {
    throw new TypeError('nn.cost: expected a tfjs model (tf.sequential or tf.model)');
  }
  if (!opts || typeof opts !== 'object') throw new TypeError('nn.cost: expected options { samples, epochs?, seconds? }');
  const samples = positiveNumber(opts.samples, 'samples', true);
  const epochs = opts.epochs === undefined ? 1 : positiveNumber(opts.epochs, 'epochs', true);
  const seconds = opts.seconds === undefined ? undefined : positiveNumber(opts.seconds, 'seconds', false);
  const watts = opts.watts === undefined ? 15 : positiveNumber(opts.watts, 'watts', false);
  const leaves = leafLayers(model.layers);
  if (!leaves.every((l) => l.built)) throw new Error('nn.cost: the model is not built yet (give the first layer an inputShape)');
  const layers: LayerCost[] = leaves.map((l) => ({ name: l.name, className: l.getClassName(), params: l.countParams(), ...layerFlops(l) }));
  const forwardFlops = layers.reduce((s, l) => s + (l.flops ?? 0), 0);
  const trainFlopsPerSample = TRAIN_FACTOR * forwardFlops;
  const flopsPerEpoch = trainFlopsPerSample * samples;
  const totalFlops = flopsPerEpoch * epochs;
  const a100Seconds = totalFlops / (A100.peakFlops * A100.utilisation);
  const report: CostReport = {
    params: model.countParams(), layers, forwardFlops, trainFlopsPerSample, flopsPerEpoch, totalFlops,
    uncounted: layers.filter((l) => l.flops === null).map((l) => `${l.name} (${l.className})`),
    a100: { seconds: a100Seconds, joules: a100Seconds * A100.watts }, text: '',
  };
  if (seconds !== undefined) Object.assign(report, { seconds, flopsPerSecond: totalFlops / seconds, joules: watts * seconds });
  report.text = costText(report, { samples, epochs, watts });
  return report;
}

/**
 * A number with an SI prefix, 3 significant digits.
 *
 * @example
 * si(1234567, 'FLOP') // "1.23 MFLOP"
 */
export function si(x: number, unit = ''): string {
  const prefixes = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const;
  for (const [scale, p] of prefixes) if (Math.abs(x) >= scale) return `${Number((x / scale).toPrecision(3))} ${p}${unit}`;
  if (x !== 0 && Math.abs(x) < 1e-3) return `${x.toExponential(2)} ${unit}`.trimEnd();
  return `${Number(x.toPrecision(3))} ${unit}`.trimEnd();
}

function costText(r: CostReport, o: { samples: number; epochs: number; watts: number }): string {
  const rows = [['layer', 'kind', 'params', 'forward FLOPs/sample', ''],
    ...r.layers.map((l) => [l.name, l.className, String(l.params), l.flops === null ? '?' : String(l.flops), l.note ?? '']),
    ['total', '', String(r.params), `${r.forwardFlops}${r.uncounted.length ? ' (at least)' : ''}`, '']];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const table = rows.map((row) => row.map((cell, c) => (c === 2 || c === 3 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd());
  const lines = [
    ...table,
    '',
    `training ≈ ${TRAIN_FACTOR} × forward (the backward pass ≈ 2 × forward): ${si(r.trainFlopsPerSample, 'FLOP')} per sample`,
    `per epoch (${o.samples} samples): ${si(r.flopsPerEpoch, 'FLOP')};  ${o.epochs} epoch${o.epochs === 1 ? '' : 's'}: ${si(r.totalFlops, 'FLOP')}`,
  ];
  if (r.seconds !== undefined) {
    lines.push(`measured: ${si(r.seconds, 's')} → ${si(r.flopsPerSecond!, 'FLOP/s')} achieved`);
    lines.push(`energy ≈ ${si(r.joules!, 'J')} (${si(r.joules! / 3600, 'Wh')}), assuming a ${o.watts} W computer fully busy for the measured ${si(r.seconds, 's')}`);
  } else {
    lines.push('energy: pass { seconds } (the measured training time) to estimate it');
  }
  lines.push(`an A100 (${A100.peakFlops / 1e12} TFLOP/s FP32 peak) at ${A100.utilisation * 100}% utilisation and ${A100.watts} W would need ${si(r.a100.seconds, 's')} and ${si(r.a100.joules, 'J')}`);
  lines.push('counted: 2 FLOPs per multiply-add, 1 per bias; element-wise work (activations, gates) is not counted');
  if (r.uncounted.length) lines.push(`NOT counted (unknown layer kinds, totals are a lower bound): ${r.uncounted.join(', ')}`);
  return lines.join('\n');
}

/**
 * `nn.cost`: computes the report and shows its table under the cell (text/plain).
 *
 * @example
 * nn.cost(model, { samples: 4, epochs: 500, seconds: 1.2 });
 */
export function showCost(sink: DisplaySink, model: tfjs.LayersModel, opts: CostOptions): CostReport {
  const report = costOf(model, opts);
  sink.display([{ mime: MIME.text, data: report.text }]);
  // Already shown: as a cell's last expression it would show twice.
  return Object.assign(report, { [SHOWN]: true });
}
