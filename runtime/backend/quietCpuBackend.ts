import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './tfTypes';

/** What tfjs-backend-cpu keeps privately: the flag that gates its one-time Node.js banner. */
interface CpuBackendBannerFlag {
  firstUse?: boolean;
}

/**
 * Returns the CPU backend instance, creating it if needed, without switching the global
 * backend, and with tfjs's "Hi, looks like you are running TensorFlow.js in Node.js …"
 * banner switched off.
 *
 * Why this way: the banner is a console.warn that MathBackendCPU prints on its first
 * `write` when `IS_NODE` is true. The only global switches for it (`IS_TEST`, `PROD`)
 * also silence every other tfjs warning, so instead the instance's own first-use flag
 * is cleared. Where a later tfjs renames that field, the banner simply comes back.
 *
 * @example
 * const cpu = getQuietCpuBackend(tf);
 * const info = cpu.makeTensorInfo([2], 'float32', new Float32Array([1, 2]));
 * cpu.disposeData(info.dataId);
 */
export function getQuietCpuBackend(tf: Tf): tfjs.MathBackendCPU {
  if (tf.findBackendFactory('cpu') == null) {
    // Someone removed it (or only tfjs-core was loaded): put the stock one back.
    tf.registerBackend('cpu', () => new tf.MathBackendCPU(), 1);
  }
  const backend = tf.findBackend('cpu');
  if (backend == null) throw new Error('The tfjs CPU backend could not be initialised.');
  (backend as unknown as CpuBackendBannerFlag).firstUse = false;
  return backend as tfjs.MathBackendCPU;
}
