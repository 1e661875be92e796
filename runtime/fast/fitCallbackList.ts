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

/** Says, just before an event, whether a callback will read the model's weights in it. */
export type ModelDue = (event: Event) => boolean;

/**
 * Marks a handler object that reads the model's weights only in some events (e.g. a live
 * heatmap redrawn every N batches): the fast path writes its weights back into the model
 * before an event only when `due(event)` says so, asked just before that event.
 *
 * @example
 * let n = 0;
 * const cb = markReadsModelWhen({ onBatchEnd: async () => { if (++n % 10 === 0) draw(await layer.getWeights()[0].data()); } },
 *   (e) => e === 'onBatchEnd' && (n + 1) % 10 === 0);
 */
export function markReadsModelWhen<T extends object>(handlers: T, due: ModelDue): T {
  (handlers as Record<symbol, ModelDue>)[READS_MODEL_WHEN] = due;
  return handlers;
}
const READS_MODEL_WHEN = Symbol.for('nnbook.fast.readsModelWhen');

/**
 * model.fit's callbacks as tfjs runs them (standardizeCallbacks + CallbackList): plain
 * handler objects wrapped in tf.CustomCallback (so `this.params`, scalar logs and
 * yieldEvery behave the same), Callback objects as they are. The tf.History is filled
 * directly (synchronously: no await per epoch for it). It also knows which events each
 * callback handles, so the fast path reads batch losses and awaits at all only when a
 * callback could look, and writes weights back into the model only before an event in
 * which a callback could read them.
 *
 * @example
 * const list = new FitCallbackList(tf, args.callbacks, new tf.History(), args.yieldEvery);
 * await list.onEpochEnd(0, { loss: 0.5 }, () => engine.syncModel());
 */
export class FitCallbackList {
  private readonly list: AnyCallback[];
  private readonly listened = new Set<Event>();
  /** per callback: a plain handler object whose handlers `call` runs directly */
  private readonly direct: boolean[] = [];
  /** per callback: the events it handles in which it may read the model (never for markLogsOnly) */
  private readonly readsModelIn: { events: Set<Event>; due?: ModelDue }[] = [];

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
      const marks = items[i] as Record<symbol, unknown>;
      const handled = new Set<Event>();
      for (const e of EVENTS) {
        if (custom ? cb[CUSTOM_FIELD[e]] != null : cb[e] !== base[e]) handled.add(e);
      }
      // CustomCallback's onYield sees the batch logs; a numeric yieldEvery yields in onBatchEnd
      if (custom && (cb as Record<string, unknown>).yield != null) handled.add('onBatchEnd');
      for (const e of handled) this.listened.add(e);
      // CustomCallback yields every DEFAULT_YIELD_EVERY_MS (125) in onBatchEnd as fastFit does; other settings keep its method
      const yieldEvery = (cb as Record<string, unknown>).yieldEvery;
      this.direct.push(custom && (cb as Record<string, unknown>).yield == null && (yieldEvery === 125 || yieldEvery === 'never'));
      if (!marks[LOGS_ONLY]) this.readsModelIn.push({ events: handled, due: marks[READS_MODEL_WHEN] as ModelDue | undefined });
    });
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

  /**
   * Runs the callbacks for one event, after `sync` (the engine's weights into the model)
   * only when a callback that may read the model handles this event and, if it said when
   * (markReadsModelWhen), says it is due: a chart with an epoch timer beside it costs no
   * weight copy per batch, a heatmap redrawn every N batches one copy per redraw.
   */
  fire(e: Event, sync: () => void, ...args: unknown[]): Promise<void> | undefined {
    if (!this.listened.has(e)) return undefined;
    if (this.readsModelIn.some((r) => r.events.has(e) && (r.due?.(e) ?? true))) sync();
    for (let i = 0; i < this.list.length; i++) {
      const r = this.call(i, e, args);
      // a handler that returned a promise is awaited, and the rest run after it, in order
      if (r && typeof (r as Promise<void>).then === 'function') return this.fireFrom(r as Promise<void>, i + 1, e, args);
    }
    return undefined;
  }

  private async fireFrom(pending: Promise<void>, next: number, e: Event, args: unknown[]): Promise<void> {
    await pending;
    for (let i = next; i < this.list.length; i++) await this.call(i, e, args);
  }

  /**
   * One callback's handler. A plain handler object with tfjs's default yielding is called
   * directly, with its CustomCallback as `this` as tfjs does: CustomCallback's own method
   * awaits (scalar logs, a debounced nextFrame) several times per batch, which costs more
   * than a small model's whole step; the fast path's logs are numbers already and it yields
   * every 125 ms itself.
   */
  private call(i: number, e: Event, args: unknown[]): unknown {
    const cb = this.list[i];
    if (!this.direct[i]) return (cb[e] as (...a: unknown[]) => unknown).apply(cb, args);
    if (e === 'onEpochBegin') cb.currentEpoch = args[0];
    const handler = cb[CUSTOM_FIELD[e]] as ((...a: unknown[]) => unknown) | undefined;
    return handler?.apply(cb, args);
  }

  /** The epoch's logs into the History, as History.onEpochEnd does. */
  recordEpoch(epoch: number, logs: tfjs.Logs): void {
    this.history.epoch.push(epoch);
    for (const key of Object.keys(logs)) (this.history.history[key] ??= []).push(logs[key]);
  }
}
