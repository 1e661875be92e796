import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Event = 'onTrainBegin' | 'onTrainEnd' | 'onEpochBegin' | 'onEpochEnd' | 'onBatchBegin' | 'onBatchEnd';
/** CustomCallback keeps the user's handlers under these names. */
const CUSTOM_FIELD: Record<Event, string> = { onTrainBegin: 'trainBegin', onTrainEnd: 'trainEnd', onEpochBegin: 'epochBegin', onEpochEnd: 'epochEnd', onBatchBegin: 'batchBegin', onBatchEnd: 'batchEnd' };
const EVENTS = Object.keys(CUSTOM_FIELD) as Event[];

type AnyCallback = tfjs.Callback & Record<string, unknown>;

/**
 * Marks a handler object whose callbacks never read the model's weights (e.g.
 * nn.fitCallbacks, which only draws the logs), so the fast path need not write its
 * weights back into the model before calling them.
 *
 * @example
 * const cb = markLogsOnly({ onBatchEnd: (b, logs) => chart.push(logs) });
 */
export function markLogsOnly<T extends object>(handlers: T): T {
  (handlers as Record<symbol, boolean>)[LOGS_ONLY] = true;
  return handlers;
}
const LOGS_ONLY = Symbol.for('nnbook.fast.logsOnly');

/**
 * model.fit's callbacks as tfjs runs them (standardizeCallbacks + CallbackList): plain
 * handler objects wrapped in tf.CustomCallback (so `this.params`, scalar logs and
 * yieldEvery behave the same), Callback objects as they are. The tf.History is filled
 * directly (synchronously: no await per epoch for it). It also knows which events someone
 * listens to, so the fast path reads batch losses, writes weights back into the model and
 * awaits at all only when a callback could look.
 *
 * @example
 * const list = new FitCallbackList(tf, args.callbacks, new tf.History(), args.yieldEvery);
 * await list.onEpochEnd(0, { loss: 0.5 }, () => engine.syncModel());
 */
export class FitCallbackList {
  private readonly list: AnyCallback[];
  private readonly listened = new Set<Event>();
  /** false when every callback is marked logs-only (markLogsOnly) */
  private readsModel = false;

  constructor(tf: Tf, given: unknown, private readonly history: tfjs.History, yieldEvery?: tfjs.ModelFitArgs['yieldEvery']) {
    const items = given == null ? [] : Array.isArray(given) ? given : [given];
    const areCallbacks = items.length > 0 && typeof (items[0] as { setParams?: unknown }).setParams === 'function';
    const user = (areCallbacks ? items : items.map((c) => new tf.CustomCallback(c as tfjs.CustomCallbackArgs, yieldEvery))) as AnyCallback[];
    this.list = user;
    history.epoch = [];
    history.history = {};
    const base = Object.getPrototypeOf(tf.Callback.prototype) as Record<Event, unknown>;
    user.forEach((cb, i) => {
      const custom = cb instanceof tf.CustomCallback;
      if (!(items[i] as Record<symbol, unknown>)[LOGS_ONLY]) this.readsModel = true;
      for (const e of EVENTS) {
        if (custom ? cb[CUSTOM_FIELD[e]] != null : cb[e] !== base[e]) this.listened.add(e);
      }
      // CustomCallback's onYield sees the batch logs; a numeric yieldEvery yields in onBatchEnd
      if (custom && (cb as Record<string, unknown>).yield != null) this.listened.add('onBatchEnd');
    });
  }

  /** True when some callback may read or set the model's weights (not all are marked logs-only). */
  get touchesModel(): boolean {
    return this.readsModel;
  }

  /** True when some callback reads a batch's logs (then each batch's loss is read). */
  get wantsBatchLogs(): boolean {
    return this.listened.has('onBatchEnd');
  }

  /** Whether some callback handles the event (else the fast path need not await it). */
  listens(e: Event): boolean {
    return this.listened.has(e);
  }

  setModel(model: tfjs.LayersModel): void {
    for (const cb of [...this.list, this.history]) cb.setModel(model);
  }

  setParams(params: Parameters<tfjs.Callback['setParams']>[0]): void {
    for (const cb of [...this.list, this.history]) cb.setParams(params);
  }

  /** Runs the callbacks for one event, after `sync` (the engine's weights into the model) when someone listens. */
  async fire(e: Event, sync: () => void, ...args: unknown[]): Promise<void> {
    if (!this.listened.has(e)) return;
    if (this.readsModel) sync();
    for (const cb of this.list) await (cb[e] as (...a: unknown[]) => Promise<void>).apply(cb, args);
  }

  /** The epoch's logs into the History, as History.onEpochEnd does. */
  recordEpoch(epoch: number, logs: tfjs.Logs): void {
    this.history.epoch.push(epoch);
    for (const key of Object.keys(logs)) (this.history.history[key] ??= []).push(logs[key]);
  }
}
