import type * as tfjs from '@tensorflow/tfjs';

/** One parameter's disagreement between two gradients. */
export interface ParamError {
  name: string;
  shape: number[];
  /** max over entries of |a − b| / max(|a|, |b|, floor) */
  maxRelError: number;
  /** max over entries of |a − b| */
  maxAbsError: number;
  /** entries compared */
  checked: number;
  /** the entry with the largest relative error: its flat index and both values */
  worst: { index: number; a: number; b: number };
}

export interface CompareResult {
  pass: boolean;
  tolerance: number;
  maxRelError: number;
  params: ParamError[];
}

/** Errors between two equal-length arrays (see ParamError for the definitions). */
export function compareArrays(a: ArrayLike<number>, b: ArrayLike<number>, floor: number): Omit<ParamError, 'name' | 'shape' | 'checked'> {
  if (a.length !== b.length) throw new Error(`gradients differ in size: ${a.length} vs ${b.length}`);
  let maxRelError = 0, maxAbsError = 0;
  let worst = { index: 0, a: a[0] ?? 0, b: b[0] ?? 0 };
  for (let i = 0; i < a.length; i++) {
    const abs = Math.abs(a[i] - b[i]);
    const rel = abs / Math.max(Math.abs(a[i]), Math.abs(b[i]), floor);
    // NaN anywhere is a failure, not a skipped entry.
    const r = Number.isNaN(rel) ? Infinity : rel;
    if (i === 0 || r > maxRelError) { maxRelError = r; worst = { index: i, a: a[i], b: b[i] }; }
    maxAbsError = Math.max(maxAbsError, Number.isNaN(abs) ? Infinity : abs);
  }
  return { maxRelError, maxAbsError, worst };
}

type Grads = Record<string, tfjs.Tensor> | tfjs.Tensor[];

/**
 * Compares hand-written gradients with autodiff's, parameter by parameter (same names,
 * or same order for arrays). Shapes must match exactly: a weight gradient of the wrong
 * shape (a classic bug) fails loudly instead of broadcasting. Tensors are not disposed.
 *
 * @example
 * const { grads } = tf.variableGrads(() => loss());          // autodiff
 * const hand = { W1: dW1, b1: db1, W2: dW2, b2: db2 };          // your backward pass
 * const r = compareGradients(hand, { W1: grads[W1.name], b1: grads[b1.name], W2: grads[W2.name], b2: grads[b2.name] });
 * r.pass; // false if, e.g., f′ was taken of z instead of a
 */
export function compareGradients(handGrads: Grads, autodiffGrads: Grads, opts: { tolerance?: number; floor?: number } = {}): CompareResult {
  const tolerance = opts.tolerance ?? 1e-3;
  const floor = opts.floor ?? 1e-6;
  const names = Array.isArray(handGrads) ? handGrads.map((_, i) => String(i)) : Object.keys(handGrads);
  const get = (g: Grads, n: string): tfjs.Tensor | undefined => (Array.isArray(g) ? g[Number(n)] : g[n]);
  const params: ParamError[] = names.map((name) => {
    const h = get(handGrads, name)!;
    const a = get(autodiffGrads, name);
    if (!a) throw new Error(`compareGradients: no autodiff gradient for "${name}"`);
    if (h.shape.join() !== a.shape.join()) throw new Error(`compareGradients: "${name}" has shape [${h.shape}] but autodiff's is [${a.shape}]`);
    return { name, shape: [...h.shape], checked: h.size, ...compareArrays(h.dataSync(), a.dataSync(), floor) };
  });
  const maxRelError = Math.max(0, ...params.map((p) => p.maxRelError));
  return { pass: maxRelError < tolerance, tolerance, maxRelError, params };
}
