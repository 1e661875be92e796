/** The process events Emscripten's Node glue hooks with handlers that rethrow. */
const HOOKED_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

type HookedEvent = (typeof HOOKED_EVENTS)[number];
type Listener = (...args: unknown[]) => void;

/** The process listeners present now, to compare against after a WASM module starts. */
export type ProcessListenerSnapshot = Record<HookedEvent, Listener[]>;

/**
 * Records the current 'uncaughtException' / 'unhandledRejection' listeners.
 *
 * @example
 * const before = snapshotProcessHandlers();
 * await tf.setBackend('wasm');
 * dropEmscriptenProcessHandlers(before);
 */
export function snapshotProcessHandlers(): ProcessListenerSnapshot {
  const listeners = (event: HookedEvent) => process.listeners(event as 'uncaughtException') as Listener[];
  return { uncaughtException: listeners('uncaughtException'), unhandledRejection: listeners('unhandledRejection') };
}

/**
 * Removes the handlers the tfjs WASM module (Emscripten glue) added since `before`.
 *
 * Why: on start-up in Node it calls `process.on('uncaughtException', ex => { throw ex })`
 * and `process.on('unhandledRejection', r => { throw r })`. Those make any stray error
 * fatal even when the host installed its own handler to report it and carry on, and the
 * crash prints the whole minified glue source (it is one line). Only listeners that are
 * both new and recognisably Emscripten's are removed; returns how many.
 *
 * @example
 * const before = snapshotProcessHandlers();
 * await tf.setBackend('wasm');
 * dropEmscriptenProcessHandlers(before); // 2
 */
export function dropEmscriptenProcessHandlers(before: ProcessListenerSnapshot): number {
  let removed = 0;
  for (const event of HOOKED_EVENTS) {
    const known = new Set(before[event]);
    for (const listener of process.listeners(event as 'uncaughtException') as Listener[]) {
      if (known.has(listener) || !looksLikeEmscriptenRethrow(listener)) continue;
      process.removeListener(event, listener);
      removed++;
    }
  }
  return removed;
}

/**
 * Emscripten's handlers are tiny functions that rethrow (sparing only its ExitStatus).
 * Matched loosely because a minifying bundler renames their identifiers.
 */
function looksLikeEmscriptenRethrow(listener: Listener): boolean {
  const source = Function.prototype.toString.call(listener);
  return source.length < 200 && /\bthrow\b/.test(source);
}
