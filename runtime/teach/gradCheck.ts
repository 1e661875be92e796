import type * as tfjs from '@tensorflow/tfjs';
import { compareArrays, type ParamError } from './compareGradients';

/**
 * Central differences on float32: the loss is only known to about 2^-24·|L|, so the
 * finite-difference noise is ≈ 2^-24·|L| / h, while the truncation error is ≈ h²·f‴/6.
 * Measured on the 2-3-1 sigmoid XOR MLP (L ≈ 0.26, gradients 4e-3…5e-2): max relative
 * error 3.6e-4 at h = 1e-2, 3.3e-3 at 1e-3, 3e-2 at 1e-4, 0.5 at 1e-5 (rounding wins),
 * 3e-3 at 1e-1 (truncation wins). So h = 1e-2.
 */
export const DEFAULT_EPSILON = 1e-2;
/** Pass bar on the per-parameter max relative error. */
export const DEFAULT_TOLERANCE = 1e-3;
/**
 * Relative error is |a − n| / max(|a|, |n|, floor): below `floor` a gradient counts as
 * zero and its error as absolute, so a gradient of 1e-7 against rounding noise of 1e-7
 * does not fail the check.
 */
export const DEFAULT_FLOOR = 1e-3;

/** Parameters to check: variables (named by `.name`), named variables, or a layers model. */
export type GradCheckParams = tfjs.Variable[] | Record<string, tfjs.Variable> | tfjs.LayersModel;

export interface GradCheckOptions {
  /** Finite-difference step h (see DEFAULT_EPSILON for why 1e-2 on float32). */
  epsilon?: number;
  /** Pass when every parameter's max relative error is below this. */
  tolerance?: number;
  /** Gradients smaller than this count as zero in the relative error. */
  floor?: number;
  /** Entries checked per parameter at most (evenly spaced); the rest are skipped. */
  maxEntries?: number;
  /**
   * Your own gradients to check instead of autodiff's (a hand-written backward pass):
   * keyed like `params` (names) or in the same order. Not disposed.
   */
  grads?: Record<string, tfjs.Tensor> | tfjs.Tensor[];
}

export interface GradCheckResult {
  pass: boolean;
  epsilon: number;
  tolerance: number;
  /** The largest per-parameter maxRelError. */
  maxRelError: number;
  params: ParamError[];
}

/** The variables and their display names. */
export function namedVariables(params: GradCheckParams): { name: string; v: tfjs.Variable }[] {
  if (Array.isArray(params)) return params.map((v) => ({ name: v.name, v }));
  const model = params as tfjs.LayersModel;
  if (typeof (model as { trainableWeights?: unknown }).trainableWeights === 'object' && typeof model.predict === 'function') {
    // LayerVariable.read() is the backing tf.Variable (assign and variableGrads work on it).
    return model.trainableWeights.map((w) => ({ name: w.name, v: w.read() as tfjs.Variable }));
  }
  return Object.entries(params as Record<string, tfjs.Variable>).map(([name, v]) => ({ name, v }));
}

/** Evenly spaced indices, at most `max` of `size`. */
function pickIndices(size: number, max: number): number[] {
  if (size <= max) return Array.from({ length: size }, (_, i) => i);
  const step = size / max;
  return Array.from({ length: max }, (_, i) => Math.floor(i * step));
}

/**
 * Checks tfjs autodiff (`tf.variableGrads`), or your own gradients (`opts.grads`),
 * against central finite differences (L(w+h) − L(w−h)) / 2h, entry by entry, and
 * reports each parameter's max relative and absolute error. Variables are restored
 * exactly afterwards; no tensor is left behind.
 *
 * @example
 * const w = tf.variable(tf.tensor2d([[0.5], [-0.3]]), true, 'w');
 * const x = tf.tensor2d([[1, 2], [3, 4]]), y = tf.tensor2d([[1], [0]]);
 * const r = gradCheck(tf, () => tf.losses.meanSquaredError(y, tf.sigmoid(x.matMul(w))) as tf.Scalar, [w]);
 * r.pass; // true; r.params[0].maxRelError < 1e-3
 * gradCheck(tf, loss, { W1, b1 }, { grads: { W1: dW1, b1: db1 } }); // a hand-written backward pass
 */
export function gradCheck(tf: typeof tfjs, lossFn: () => tfjs.Scalar, params: GradCheckParams, opts: GradCheckOptions = {}): GradCheckResult {
  const epsilon = opts.epsilon ?? DEFAULT_EPSILON;
  const tolerance = opts.tolerance ?? DEFAULT_TOLERANCE;
  const floor = opts.floor ?? DEFAULT_FLOOR;
  const maxEntries = opts.maxEntries ?? 1000;
  const vars = namedVariables(params);
  if (vars.length === 0) throw new Error('nn.gradCheck: no parameters to check');

  const given = opts.grads;
  const grads: Record<string, tfjs.Tensor> = {};
  if (given) {
    const picked = vars.map(({ name, v }, i) => {
      const g = Array.isArray(given) ? given[i] : given[name];
      if (!g) throw new Error(`nn.gradCheck: no gradient given for "${name}"`);
      if (g.shape.join() !== v.shape.join()) throw new Error(`nn.gradCheck: the gradient for "${name}" has shape [${g.shape}] but the parameter is [${v.shape}]`);
      return g;
    });
    // Clones, disposed below like autodiff's (only after every shape is known good).
    picked.forEach((g, i) => { grads[vars[i].v.name] = g.clone(); });
  } else {
    const r = tf.variableGrads(lossFn, vars.map((p) => p.v));
    r.value.dispose();
    Object.assign(grads, r.grads);
  }
  const loss = (): number => tf.tidy(() => {
    const l = lossFn();
    if (l.size !== 1) throw new Error(`nn.gradCheck: the loss must be a scalar, got shape [${l.shape}]`);
    return l.dataSync()[0];
  });

  const results: ParamError[] = [];
  for (const { name, v } of vars) {
    const g = grads[v.name];
    const autodiff = g.dataSync().slice();
    g.dispose();
    const original = v.dataSync().slice() as Float32Array;
    const work = original.slice();
    const set = (): void => { const t = tf.tensor(work, v.shape, v.dtype); v.assign(t); t.dispose(); };
    const indices = pickIndices(original.length, maxEntries);
    const numeric = new Float32Array(indices.length);
    const analytic = new Float32Array(indices.length);
    try {
      indices.forEach((i, k) => {
        const w = original[i];
        // The step actually taken is what float32 can hold: divide by it, not by 2h.
        work[i] = w + epsilon; const up = Math.fround(work[i]); set(); const lUp = loss();
        work[i] = w - epsilon; const down = Math.fround(work[i]); set(); const lDown = loss();
        work[i] = w;
        numeric[k] = (lUp - lDown) / (up - down);
        analytic[k] = autodiff[i];
      });
    } finally {
      set();
    }
    const e = compareArrays(analytic, numeric, floor);
    results.push({ name, shape: [...v.shape], checked: indices.length, ...e });
  }
  const maxRelError = Math.max(...results.map((r) => r.maxRelError));
  return { pass: maxRelError < tolerance, epsilon, tolerance, maxRelError, params: results };
}
