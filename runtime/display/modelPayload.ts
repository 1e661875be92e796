import type { ModelLayerRow, ModelPayload } from './payloads';

/** What modelPayload reads of a tf.LayersModel and its layers (duck-typed: no tfjs import). */
interface LayerLike {
  name: string;
  trainable?: boolean;
  outputShape: unknown;
  weights: { shape: number[]; trainable: boolean }[];
  getClassName(): string;
  countParams(): number;
  getConfig?(): Record<string, unknown>;
  input?: unknown;
}
interface ModelLike { name: string; layers: LayerLike[] }

/** Layers with no multiply-adds of their own (elementwise work is not counted). */
const NO_MACS = new Set(['InputLayer', 'Flatten', 'Reshape', 'Dropout', 'SpatialDropout1D', 'Activation', 'MaxPooling1D',
  'MaxPooling2D', 'MaxPooling3D', 'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'GlobalAveragePooling1D',
  'GlobalAveragePooling2D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D', 'BatchNormalization', 'LayerNormalization',
  'Embedding', 'Permute', 'RepeatVector', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout', 'Concatenate', 'Add',
  'Multiply', 'Average', 'Maximum', 'Minimum', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'ReLU', 'LeakyReLU',
  'ELU', 'PReLU', 'Softmax', 'ThresholdedReLU', 'Rescaling']);
const CONV = new Set(['Conv1D', 'Conv2D', 'Conv3D', 'DepthwiseConv2D']);
const RECURRENT = new Set(['SimpleRNN', 'LSTM', 'GRU']);

const prod = (xs: number[]) => xs.reduce((a, b) => a * b, 1);

/**
 * The `model` payload of a tf.LayersModel: one row per layer (name, kind, output
 * shape, parameters, FLOPs per sample) and totals. FLOPs count 2 per multiply-add of
 * Dense, convolution and recurrent layers. Returns undefined for a model that is not
 * built yet (its layers have no shapes).
 *
 * @example
 * modelPayload(model) // { version: 1, name: 'sequential_1', layers: [{ name: 'dense_Dense1', outputShape: '[null,4]', params: 12, flops: 16 }], … }
 */
export function modelPayload(model: ModelLike): ModelPayload | undefined {
  const layers: ModelLayerRow[] = [];
  const unknown = new Set<string>();
  let total = 0, trainable = 0, flopsTotal = 0;
  try {
    for (const layer of model.layers) {
      const className = layer.getClassName();
      const params = layer.countParams();
      const outShape = firstShape(layer.outputShape);
      const row: ModelLayerRow = { name: layer.name, className, outputShape: JSON.stringify(layer.outputShape), params };
      const activation = layer.getConfig?.().activation;
      if (typeof activation === 'string' && activation !== 'linear') row.activation = activation;
      const flops = layerFlops(layer, className, outShape);
      if (flops === undefined) unknown.add(className);
      else { row.flops = flops; flopsTotal += flops; }
      total += params;
      trainable += layer.weights.filter((w) => w.trainable).reduce((a, w) => a + prod(w.shape), 0);
      layers.push(row);
    }
  } catch {
    return undefined; // not built: outputShape throws
  }
  return { version: 1, name: model.name, layers, totalParams: total, trainableParams: trainable, flopsPerSample: flopsTotal, flopsUnknown: [...unknown] };
}

function layerFlops(layer: LayerLike, className: string, out: (number | null)[]): number | undefined {
  if (NO_MACS.has(className)) return 0;
  const w = layer.weights;
  const spatial = prod(out.slice(1, -1).map((d) => d ?? 1));
  if (className === 'Dense' && w.length > 0) return 2 * prod(w[0].shape) * spatial;
  if (CONV.has(className) && w.length > 0) return 2 * prod(w[0].shape) * spatial;
  if (className === 'SeparableConv2D' && w.length > 1) return 2 * (prod(w[0].shape) + prod(w[1].shape)) * spatial;
  if (RECURRENT.has(className) && w.length > 1) {
    const steps = inputSteps(layer);
    if (steps === undefined) return undefined;
    return 2 * steps * (prod(w[0].shape) + prod(w[1].shape));
  }
  return undefined;
}

function inputSteps(layer: LayerLike): number | undefined {
  try {
    const shape = (layer.input as { shape?: (number | null)[] } | undefined)?.shape;
    return typeof shape?.[1] === 'number' ? shape[1] : undefined;
  } catch {
    return undefined;
  }
}

function firstShape(shape: unknown): (number | null)[] {
  if (Array.isArray(shape) && Array.isArray(shape[0])) return shape[0] as (number | null)[];
  return Array.isArray(shape) ? (shape as (number | null)[]) : [];
}
