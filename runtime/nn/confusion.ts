import type * as tfjs from '@tensorflow/tfjs';
import type { ConfusionPayload } from '../display/payloads';
import { toClasses, type Numeric } from './toNumbers';

export interface ConfusionOptions {
  classNames?: string[];
  title?: string;
}

/**
 * The `confusion` payload: counts of (true class, predicted class), by
 * counting (exact, any backend). Labels may be class indices, one-hot or probability rows.
 *
 * @example
 * confusionPayload(tf, yTest, model.predict(xTest) as tf.Tensor, { classNames: ['cat', 'dog'] })
 */
export function confusionPayload(tf: typeof tfjs, yTrue: Numeric | number[][], yPred: Numeric | number[][], opts: ConfusionOptions = {}): ConfusionPayload {
  const t = toClasses(yTrue);
  const p = toClasses(yPred);
  if (t.length !== p.length) throw new Error(`nn.plot.confusion: ${t.length} true labels but ${p.length} predictions`);
  if (t.length === 0) throw new Error('nn.plot.confusion: no labels');
  if ([...t, ...p].some((k) => !(k >= 0))) throw new Error('nn.plot.confusion: class indices must be 0 or more');
  let maxClass = 0;
  for (const k of t) maxClass = Math.max(maxClass, k);
  for (const k of p) maxClass = Math.max(maxClass, k);
  const numClasses = Math.max(opts.classNames?.length ?? 0, maxClass + 1);
  // Counted here, not with tf.math.confusionMatrix: that is an int32 matMul, which the
  // WASM backend does not have, and counting is exact and cheap.
  const matrix = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  for (let i = 0; i < t.length; i++) matrix[t[i]][p[i]]++;
  const correct = matrix.reduce((a, row, i) => a + row[i], 0);
  const labels = Array.from({ length: numClasses }, (_, k) => opts.classNames?.[k] ?? String(k));
  const payload: ConfusionPayload = { version: 1, labels, matrix, accuracy: correct / t.length };
  if (opts.title) payload.title = opts.title;
  return payload;
}
