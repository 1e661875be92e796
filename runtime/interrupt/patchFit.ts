import type * as tfjs from '@tensorflow/tfjs';
import type { InterruptSignal } from './InterruptSignal';

/**
 * Makes `model.fit` and `model.fitDataset` interruptible: a callback checks the signal
 * after every batch and sets `model.stopTraining`, so training ends cleanly and the model
 * stays usable; the awaited fit then throws InterruptError at the cell's next checkpoint.
 */
export function patchFit(tf: typeof tfjs, signal: InterruptSignal): void {
  const proto = tf.LayersModel.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['fit', 'fitDataset']) {
    const original = proto[method];
    if ((original as { nnbookPatched?: boolean }).nnbookPatched) continue;
    const patched = function (this: tfjs.LayersModel, ...args: unknown[]) {
      const argIndex = method === 'fit' ? 2 : 1;
      const options = { ...((args[argIndex] as Record<string, unknown> | undefined) ?? {}) };
      const model = this;
      const stop = async () => { if (signal.requested) model.stopTraining = true; };
      const plain = { onBatchEnd: stop, onEpochEnd: stop };
      const given = options.callbacks;
      const list = given == null ? [] : Array.isArray(given) ? [...given] : [given];
      // tfjs takes a list either of callback objects or of plain handler objects, not a mix.
      const isCallbackObject = list.length > 0 && typeof (list[0] as { setModel?: unknown }).setModel === 'function';
      list.push(isCallbackObject ? new tf.CustomCallback(plain) : plain);
      options.callbacks = list;
      const next = [...args];
      while (next.length < argIndex) next.push(undefined);
      next[argIndex] = options;
      return original.apply(this, next);
    };
    (patched as { nnbookPatched?: boolean }).nnbookPatched = true;
    proto[method] = patched;
  }
}
