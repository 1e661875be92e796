import type * as tfjs from '@tensorflow/tfjs';

const FIXED = Symbol.for('nnbook.fixMomentumDispose');

/**
 * tfjs 4.22's `MomentumOptimizer.dispose()` frees its momentum and accumulators but not
 * the learning-rate scalar its parent `SGDOptimizer` holds, so every disposed momentum
 * optimizer leaks one tensor (and the runtime's leak count blames the student's cell).
 * This makes it free that scalar too. Idempotent.
 *
 * @example
 * fixMomentumDispose(tf);
 * const opt = tf.train.momentum(0.1, 0.9);
 * opt.dispose(); // no tensor left behind
 */
export function fixMomentumDispose(tf: typeof tfjs): void {
  const proto = tf.MomentumOptimizer.prototype as unknown as { dispose(): void; [FIXED]?: true };
  if (proto[FIXED]) return;
  const own = proto.dispose;
  const parent = tf.SGDOptimizer.prototype.dispose;
  proto.dispose = function (this: tfjs.MomentumOptimizer) {
    own.call(this);
    const c = (this as unknown as { c?: tfjs.Tensor }).c;
    if (c && !c.isDisposed) parent.call(this);
  };
  proto[FIXED] = true;
}
