import type * as tfjs from '@tensorflow/tfjs';
import { ACTIVATIONS, addRow, fmt, map, matMul, type ActivationName, type Matrix } from './math';

/** One Dense layer as plain numbers: a = f(x·W + b), W [in, out]. */
export interface TraceLayer {
  name: string;
  W: Matrix;
  b: number[];
  activation: ActivationName;
}

export type TraceLoss = 'mse' | 'binaryCrossentropy';

/** Everything the forward pass computed, per layer. */
export interface ForwardPayload {
  version: 1;
  step: 'forward';
  x: Matrix;
  y: Matrix;
  layers: { name: string; activation: ActivationName; W: Matrix; b: number[]; z: Matrix; a: Matrix; shapes: { W: number[]; z: number[] } }[];
  loss: { name: TraceLoss; value: number; formula: string };
  lines: string[];
}

/** A hand-written layer: W [in, out] and b [out] as tensors, variables or numbers. */
export interface LayerSource {
  W: tfjs.Tensor | Matrix;
  b: tfjs.Tensor | number[];
  activation?: ActivationName;
  name?: string;
}

const numbers2 = (t: tfjs.Tensor | Matrix): Matrix => (Array.isArray(t) ? t.map((r) => [...r]) : (t.arraySync() as Matrix));
const numbers1 = (t: tfjs.Tensor | number[]): number[] => (Array.isArray(t) ? [...t] : (t.arraySync() as number[]));

/**
 * Reads a network's Dense layers as plain numbers: a `tf.sequential` of Dense layers
 * (activations sigmoid/tanh/relu/linear) or a list of hand-written layers.
 *
 * @example
 * const net = readNet(model); // [{ name: 'dense_1', W: [[…]], b: […], activation: 'sigmoid' }, …]
 */
export function readNet(source: tfjs.LayersModel | LayerSource[]): TraceLayer[] {
  if (Array.isArray(source)) {
    return source.map((l, i) => ({ name: l.name ?? `layer${i + 1}`, W: numbers2(l.W), b: numbers1(l.b), activation: l.activation ?? 'sigmoid' }));
  }
  return source.layers.map((layer) => {
    const cfg = layer.getConfig() as { activation?: string; useBias?: boolean };
    const act = (cfg.activation ?? 'linear') as ActivationName;
    if (layer.getClassName() !== 'Dense') throw new Error(`nn.trace: only Dense layers are traced, got ${layer.getClassName()} (${layer.name})`);
    if (!(act in ACTIVATIONS)) throw new Error(`nn.trace: activation "${act}" of ${layer.name} is not traced (sigmoid, tanh, relu, linear)`);
    const [k, b] = layer.getWeights();
    const W = k.arraySync() as Matrix;
    return { name: layer.name, W, b: b ? (b.arraySync() as number[]) : new Array(W[0].length).fill(0), activation: act };
  });
}

/** The loss value and dL/da of the output (means over every element, as tf.losses / Keras do). */
export function lossAndGrad(name: TraceLoss, a: Matrix, y: Matrix): { value: number; dA: Matrix; formula: string } {
  const count = a.length * (a[0]?.length ?? 0);
  if (name === 'mse') {
    let s = 0;
    const dA = a.map((r, i) => r.map((v, j) => { const d = v - y[i][j]; s += d * d; return (2 * d) / count; }));
    return { value: s / count, dA, formula: `L = mean((a − y)²);  dL/da = 2(a − y)/${count}` };
  }
  // Keras clips probabilities to [ε, 1−ε] with ε = 1e-7.
  const eps = 1e-7;
  let s = 0;
  const dA = a.map((r, i) => r.map((v, j) => {
    const p = Math.min(1 - eps, Math.max(eps, v)), t = y[i][j];
    s += -(t * Math.log(p) + (1 - t) * Math.log(1 - p));
    return (p - t) / (p * (1 - p)) / count;
  }));
  return { value: s / count, dA, formula: `L = −mean(y·log a + (1−y)·log(1−a));  dL/da = (a − y)/(a(1−a))/${count}` };
}

/**
 * The forward pass, every intermediate recorded: z = a_prev·W + b, a = f(z), then the loss.
 *
 * @example
 * const fw = forwardTrace(net, [[0, 1]], [[1]], 'mse');
 * fw.layers[0].z; fw.loss.value;
 */
export function forwardTrace(net: TraceLayer[], x: Matrix, y: Matrix, loss: TraceLoss = 'mse'): ForwardPayload {
  let a = x;
  const lines: string[] = [];
  const layers = net.map((l, i) => {
    const z = addRow(matMul(a, l.W), l.b);
    const act = ACTIVATIONS[l.activation];
    const out = map(z, act.f);
    lines.push(`layer ${i + 1} (${l.name}): z = a${i}·W + b → [${z.length}×${z[0].length}], a = ${l.activation}(z);  sample 1: z[0] = ${fmt(z[0][0])}, a[0] = ${fmt(out[0][0])}`);
    a = out;
    return { name: l.name, activation: l.activation, W: l.W, b: l.b, z, a: out, shapes: { W: [l.W.length, l.W[0].length], z: [z.length, z[0].length] } };
  });
  const L = lossAndGrad(loss, a, y);
  lines.push(`loss (${loss}) = ${fmt(L.value)}`);
  return { version: 1, step: 'forward', x, y, layers, loss: { name: loss, value: L.value, formula: L.formula }, lines };
}
