import type { DenseAccuracy, DenseActivation, DenseLoss } from './densePlan';

/**
 * The maths of a Dense stack on Float32Arrays, row-major, as tfjs does it in float32:
 * every stored value is a float32 (the arrays round), each expression is evaluated in
 * double and rounded once when stored. Weights are [inputs × units] like a Dense kernel.
 */

/** tfjs-layers' epsilon() for the cross-entropy clip. */
export const LOSS_EPSILON = 1e-7;

/** out[m×n] ← act(out + b) row by row; softmax as tfjs (max-shifted). */
export function biasActivation(out: Float32Array, m: number, n: number, b: Float32Array | null, act: DenseActivation): void {
  for (let r = 0; r < m; r++) {
    const ro = r * n;
    if (b) for (let j = 0; j < n; j++) out[ro + j] += b[j];
    switch (act) {
      case 'relu': for (let j = 0; j < n; j++) if (!(out[ro + j] > 0)) out[ro + j] = 0; break;
      case 'sigmoid': for (let j = 0; j < n; j++) out[ro + j] = 1 / (1 + Math.exp(-out[ro + j])); break;
      case 'tanh': for (let j = 0; j < n; j++) out[ro + j] = Math.tanh(out[ro + j]); break;
      case 'softmax': {
        let max = -Infinity;
        for (let j = 0; j < n; j++) if (out[ro + j] > max) max = out[ro + j];
        let sum = 0;
        for (let j = 0; j < n; j++) { out[ro + j] = Math.exp(out[ro + j] - max); sum += out[ro + j]; }
        for (let j = 0; j < n; j++) out[ro + j] /= sum;
        break;
      }
      default: break;
    }
  }
}

/** d[i] *= act'(z) given the activation's output a (relu'(0) = 0, as tfjs's step). */
export function activationBackward(act: DenseActivation, a: Float32Array, d: Float32Array, count: number): void {
  switch (act) {
    case 'relu': for (let i = 0; i < count; i++) if (!(a[i] > 0)) d[i] = 0; break;
    case 'sigmoid': for (let i = 0; i < count; i++) d[i] = d[i] * (a[i] * (1 - a[i])); break;
    case 'tanh': for (let i = 0; i < count; i++) d[i] = d[i] * (1 - a[i] * a[i]); break;
    default: break;
  }
}

/**
 * The batch's mean loss and summed correct predictions, and dL/dz of the output layer
 * into dz (the mean over the batch folded in). y holds [m × units] targets, or m class
 * indices for sparse cross-entropy.
 */
export function lossAndOutputGrad(loss: DenseLoss, act: DenseActivation, accuracy: DenseAccuracy | null, p: Float32Array, y: ArrayLike<number>, m: number, n: number, dz: Float32Array): { loss: number; correct: number } {
  let total = 0, correct = 0;
  const hi = 1 - LOSS_EPSILON;
  for (let r = 0; r < m; r++) {
    const ro = r * n;
    let rowLoss = 0;
    if (loss === 'meanSquaredError') {
      for (let j = 0; j < n; j++) {
        const d = p[ro + j] - y[ro + j];
        rowLoss += d * d;
        dz[ro + j] = (2 * d) / (m * n);
      }
      rowLoss /= n;
    } else if (loss === 'binaryCrossentropy') {
      for (let j = 0; j < n; j++) {
        const q = p[ro + j], t = y[ro + j];
        const c = Math.min(Math.max(q, LOSS_EPSILON), hi);
        rowLoss += -(t * Math.log(c) + (1 - t) * Math.log(1 - c));
        // sigmoid output: dL/dz = (p − t)/n per element; zero where tfjs's clip cuts the gradient
        dz[ro + j] = q >= LOSS_EPSILON && q <= hi ? (q - t) / (m * n) : 0;
      }
      rowLoss /= n;
    } else {
      const sparse = loss === 'sparseCategoricalCrossentropy';
      for (let j = 0; j < n; j++) {
        const t = sparse ? (Math.floor(y[r]) === j ? 1 : 0) : y[ro + j];
        const c = Math.min(Math.max(p[ro + j], LOSS_EPSILON), hi);
        if (t !== 0) rowLoss -= t * Math.log(c);
        dz[ro + j] = (p[ro + j] - t) / m; // softmax + cross-entropy
      }
    }
    total += rowLoss;
    if (accuracy) correct += rowCorrect(accuracy, p, y, ro, r, n);
  }
  // MSE's dz so far is dL/da; the cross-entropies' already are dL/dz through their output activation
  if (loss === 'meanSquaredError') activationBackward(act, p, dz, m * n);
  return { loss: total / m, correct };
}

/** One row's accuracy as tfjs's metric computes it (binary: the row's mean match). */
function rowCorrect(accuracy: DenseAccuracy, p: Float32Array, y: ArrayLike<number>, ro: number, r: number, n: number): number {
  if (accuracy === 'binary') {
    let hits = 0;
    for (let j = 0; j < n; j++) hits += (p[ro + j] > 0.5 ? 1 : 0) === y[ro + j] ? 1 : 0;
    return hits / n;
  }
  let best = 0;
  for (let j = 1; j < n; j++) if (p[ro + j] > p[ro + best]) best = j;
  if (accuracy === 'sparseCategorical') return best === y[r] ? 1 : 0;
  let truth = 0;
  for (let j = 1; j < n; j++) if (y[ro + j] > y[ro + truth]) truth = j;
  return best === truth ? 1 : 0;
}

/** db[n] = Σ rows of d[m×n]. */
export function columnSums(d: Float32Array, m: number, n: number, db: Float32Array): void {
  db.fill(0, 0, n);
  for (let r = 0; r < m; r++) for (let j = 0; j < n; j++) db[j] += d[r * n + j];
}
