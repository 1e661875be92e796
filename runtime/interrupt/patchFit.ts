import type * as tfjs from '@tensorflow/tfjs';
import { fastFit } from '../fast/fastFit';
import { fastFitControl } from '../fast/fastFitControl';
import type { InterruptSignal } from './InterruptSignal';

/**
 * Makes `model.fit` and `model.fitDataset` interruptible, and routes `model.fit` to the
 * fused fast path when the model and options allow it (runtime/fast/fastFit; opt out with
 * `nn.fast = false` or the fit option `fast: false`; `nn.lastFit` says which path ran).
 * The fast path checks the signal before every batch; tfjs's loop gets a callback that
 * checks it after every batch and sets `model.stopTraining`. Either way training ends
 * cleanly, the model stays usable, and the awaited fit throws InterruptError at the
 * cell's next checkpoint.
 */
export function patchFit(tf: typeof tfjs, signal: InterruptSignal): void {
  const proto = tf.LayersModel.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['fit', 'fitDataset']) {
    const original = proto[method];
    if ((original as { nnbookPatched?: boolean }).nnbookPatched) continue;
    const patched = async function (this: tfjs.LayersModel, ...args: unknown[]) {
      const argIndex = method === 'fit' ? 2 : 1;
      const { fast, ...options } = (args[argIndex] as Record<string, unknown> | undefined) ?? {};
      if (method === 'fit') {
        let reason = fast === false ? 'fit option fast: false' : 'nn.fast is false';
        if (fastFitControl.enabled && fast !== false) {
          const r = await fastFit(tf, this, args[0] as tfjs.Tensor, args[1] as tfjs.Tensor, options as tfjs.ModelFitArgs, { shouldStop: () => signal.requested });
          if (typeof r !== 'string') { fastFitControl.last = r.route; return r.history; }
          reason = r;
        }
        fastFitControl.last = { path: 'tfjs', reason };
      }
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
