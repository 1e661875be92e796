import type * as tfjs from '@tensorflow/tfjs';
import type { ConfusionPayload } from '../display/payloads';
import { toClasses, type Numeric } from './toNumbers';

export interface ConfusionOptions {
  classNames?: string[];
  title?: string;
}

/**
 * The `confusion` payload: counts of (true class, predicted class), by
 * tf.math.confusionMatrix. Labels may be class indices, one-hot or probability rows.
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
  const numClasses = Math.max(opts.classNames?.length ?? 0, ...t, ...p) + 1;
  const matrix = tf.tidy(() => tf.math.confusionMatrix(tf.tensor1d(t, 'int32'), tf.tensor1d(p, 'int32'), numClasses).arraySync() as number[][]);
  const correct = matrix.reduce((a, row, i) => a + row[i], 0);
  const labels = Array.from({ length: numClasses }, (_, k) => opts.classNames?.[k] ?? String(k));
  const payload: ConfusionPayload = { version: 1, labels, matrix, accuracy: correct / t.length };
  if (opts.title) payload.title = opts.title;
  return payload;
}
