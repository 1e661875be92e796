import type * as tfjs from '@tensorflow/tfjs';
import type { ChartPayload } from '../display/payloads';
import { toNumbers, type Numeric } from './toNumbers';

type Fn = (x: tfjs.Tensor) => tfjs.Tensor;

export interface ActivationOptions {
  /** Draw f′ too (default true). */
  derivative?: boolean;
  /** x range (default [-5, 5]). */
  range?: [number, number];
  /** Samples over the range (default 201). */
  points?: number;
  /** Slope for leakyRelu (default 0.2, tfjs's), alpha for elu. */
  alpha?: number;
  /** softmax: the vector of logits (default [1, 2, 3, 4, 1, 2, 3]). */
  input?: Numeric;
}

/** The activations nnbook knows by name; each is the tfjs op, so f′ comes from tfjs's own gradient. */
export function namedActivation(tf: typeof tfjs, name: string, alpha?: number): Fn | undefined {
  const table: Record<string, Fn> = {
    step: (x) => tf.step(x),
    sigmoid: (x) => tf.sigmoid(x),
    tanh: (x) => tf.tanh(x),
    relu: (x) => tf.relu(x),
    leakyrelu: (x) => tf.leakyRelu(x, alpha ?? 0.2),
    elu: (x) => (alpha === undefined ? tf.elu(x) : tf.where(tf.greater(x, 0), x, tf.mul(alpha, tf.sub(tf.exp(x), 1)))),
    softplus: (x) => tf.softplus(x),
    selu: (x) => tf.selu(x),
    swish: (x) => tf.mul(x, tf.sigmoid(x)),
    linear: (x) => tf.mul(x, 1),
  };
  return table[name.toLowerCase().replace(/[_\s-]/g, '')];
}

/**
 * The `activation` payload: f and f′ over a range (f′ by tfjs autodiff), or for
 * softmax the logits and the probabilities of one vector, as bars.
 *
 * @example
 * activationPayload(tf, 'sigmoid', { range: [-6, 6] })
 */
export function activationPayload(tf: typeof tfjs, nameOrFn: string | Fn, opts: ActivationOptions = {}): ChartPayload {
  if (typeof nameOrFn === 'string' && nameOrFn.toLowerCase() === 'softmax') return softmaxPayload(tf, opts);
  const fn = typeof nameOrFn === 'function' ? nameOrFn : namedActivation(tf, nameOrFn, opts.alpha);
  if (!fn) throw new Error(`nn.plot.activation: unknown activation '${String(nameOrFn)}'; try step, sigmoid, tanh, relu, leakyRelu, elu, softplus, selu, swish, softmax, or pass a function`);
  const label = typeof nameOrFn === 'string' ? nameOrFn : nameOrFn.name || 'f';
  const [lo, hi] = opts.range ?? [-5, 5];
  if (!(hi > lo)) throw new Error(`nn.plot.activation: range [${lo}, ${hi}] is empty`);
  const n = Math.max(2, Math.min(opts.points ?? 201, 5000));
  const { xs, f, df } = tf.tidy(() => {
    const x = tf.linspace(lo, hi, n);
    const y = fn(x);
    const dy = opts.derivative === false ? undefined : tf.grad(fn)(x);
    return { xs: Array.from(x.dataSync()), f: Array.from(y.dataSync()), df: dy ? Array.from(dy.dataSync()) : undefined };
  });
  const series: ChartPayload['series'] = [{ name: `${label}(x)`, x: xs, y: f }];
  if (df) series.push({ name: `${label}′(x)`, x: xs, y: df, dash: true });
  return { version: 1, title: label, mark: 'line', x: { title: 'x' }, y: { title: df ? 'f(x), f′(x)' : 'f(x)' }, series };
}

function softmaxPayload(tf: typeof tfjs, opts: ActivationOptions): ChartPayload {
  const logits = opts.input === undefined ? [1, 2, 3, 4, 1, 2, 3] : toNumbers(opts.input, 'input');
  const probs = tf.tidy(() => Array.from(tf.softmax(tf.tensor1d(logits)).dataSync()));
  const idx = logits.map((_, i) => i);
  return {
    version: 1, title: 'softmax', mark: 'bar', x: { title: 'index' }, y: { title: 'value' },
    series: [{ name: 'logits', panel: 'input (logits)', x: idx, y: logits }, { name: 'softmax', panel: 'softmax (probabilities)', x: idx, y: probs }],
  };
}
