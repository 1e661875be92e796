import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Event = 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd';
/** CustomCallback keeps the user's handlers under these names. */
const CUSTOM_FIELD: Record<Event, string> = { onTrainBegin: 'trainBegin', onTrainEnd: 'trainEnd', onEpochBegin: 'epochBegin', onEpochEnd: 'epochEnd', onBatchBegin: 'batchBegin', onBatchEnd: 'batchEnd' };
const EVENTS = Object.keys(CUSTOM_FIELD) as Event[];

type AnyCallback = tfjs.Callback & Record<string, unknown>;

/**
 * model.fit's callbacks as tfjs runs them (standardizeCallbacks + CallbackList): plain
 * handler objects wrapped in tf.CustomCallback (so `this.params`, scalar logs and
 * yieldEvery behave the same), Callback objects as they are, tf.History last. It also
 * knows which events someone listens to, so the fast path reads batch losses and writes
 * weights back into the model only when a callback could look at them.
 *
 * @example
 * const list = new FitCallbackList(tf, args.callbacks, new tf.History(), args.yieldEvery);
 * await list.onEpochEnd(0, { loss: 0.5 }, () => engine.syncModel());
 */
export class FitCallbackList {
  private readonly list: AnyCallback[];
  private readonly listened = new Set<Event>();

  constructor(tf: Tf, given: unknown, history: tfjs.History, yieldEvery?: tfjs.ModelFitArgs['yieldEvery']) {
    const items = given == null ? [] : Array.isArray(given) ? given : [given];
    const areCallbacks = items.length > 0 && typeof (items[0] as { setParams?: unknown }).setParams === 'function';
    const user = (areCallbacks ? items : items.map((c) => new tf.CustomCallback(c as tfjs.CustomCallbackArgs, yieldEvery))) as AnyCallback[];
    this.list = [...user, history as unknown as AnyCallback];
    const base = Object.getPrototypeOf(tf.Callback.prototype) as Record<Event, unknown>;
    for (const cb of user) {
      const custom = cb instanceof tf.CustomCallback;
      for (const e of EVENTS) {
        if (custom ? cb[CUSTOM_FIELD[e]] != null : cb[e] !== base[e]) this.listened.add(e);
      }
      // CustomCallback's onYield sees the batch logs; a numeric yieldEvery yields in onBatchEnd
      if (custom && (cb as Record<string, unknown>).yield != null) this.listened.add('onBatchEnd');
    }
  }

  /** True when some callback reads a batch's logs (then each batch's loss is read). */
  get wantsBatchLogs(): boolean {
    return this.listened.has('onBatchEnd');
  }

  setModel(model: tfjs.LayersModel): void {
    for (const cb of this.list) cb.setModel(model);
  }

  setParams(params: Parameters<tfjs.Callback['setParams']>[0]): void {
    for (const cb of this.list) cb.setParams(params);
  }

  private async fire(e: Event, sync: () => void, ...args: unknown[]): Promise<void> {
    if (this.listened.has(e)) sync();
    for (const cb of this.list) await (cb[e] as (...a: unknown[]) => Promise<void>).apply(cb, args);
  }

  onTrainBegin(sync: () => void): Promise<void> { return this.fire('onTrainBegin', sync, {}); }
  onTrainEnd(sync: () => void): Promise<void> { return this.fire('onTrainEnd', sync, {}); }
  onEpochBegin(epoch: number, sync: () => void): Promise<void> { return this.fire('onEpochBegin', sync, epoch, {}); }
  onEpochEnd(epoch: number, logs: tfjs.Logs, sync: () => void): Promise<void> { return this.fire('onEpochEnd', sync, epoch, logs); }
  onBatchBegin(batch: number, logs: tfjs.Logs, sync: () => void): Promise<void> {
    return this.listened.has('onBatchBegin') ? this.fire('onBatchBegin', sync, batch, logs) : Promise.resolve();
  }
  onBatchEnd(batch: number, logs: tfjs.Logs, sync: () => void): Promise<void> { return this.fire('onBatchEnd', sync, batch, logs); }
}
