import type * as tfjs from '@tensorflow/tfjs';

/**
 * Disposes what a rebound name held, if it owns GPU/WASM memory: a tensor (or
 * variable), a LayersModel (with the optimizer it owns, and one it was given unless a
 * binding still holds that), or an optimizer. Anything else is left to the GC.
 */
export function makeReleaseValue(tf: typeof tfjs) {
  return (value: unknown, stillHeld: (v: unknown) => boolean): void => {
    try {
      if (value instanceof tf.Variable && value.name.includes('/')) {
        // A layer's own weight (`layer.getWeights()[0]` is the variable itself, named
        // "dense_Dense1/kernel"): the model owns it, and disposing it would break the model.
      } else if (value instanceof tf.Tensor) {
        if (!value.isDisposed) value.dispose();
      } else if (value instanceof tf.LayersModel) {
        const m = value as tfjs.LayersModel & { isOptimizerOwned?: boolean; disposed?: boolean };
        const optimizer = m.optimizer;
        m.dispose();
        // A model compiled with an optimizer object does not own it; nothing else frees its slots.
        if (optimizer && !m.isOptimizerOwned && !stillHeld(optimizer)) optimizer.dispose();
      } else if (value instanceof tf.Optimizer) {
        value.dispose();
      }
    } catch {
      // Already disposed (e.g. by the cell itself): nothing left to free.
    }
  };
}
