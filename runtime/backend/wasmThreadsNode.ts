import { resolveObjectURL } from 'buffer';
import type * as os from 'os';
import { Worker as NodeWorker, type WorkerOptions } from 'worker_threads';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import type { Tf } from './tfTypes';

/** Why the threaded build did not start, once a pthread worker reported it. */
export interface WasmThreadsStart {
  /** Rejects with the first error a pthread worker raised while starting. */
  failed: Promise<never>;
  /** Call after `tf.setBackend('wasm')` settled, whichever way. */
  done(): void;
}

/**
 * Lets the next `tf.setBackend('wasm')` in Node start tfjs-backend-wasm's threaded SIMD
 * build with `threads` XNNPACK threads (same results: XNNPACK splits the output, never a
 * sum, so every number is computed the same way on any thread count).
 *
 * Why this is needed: tfjs switches threads off whenever IS_NODE (tfjs#3830) because its
 * pthread workers are Blob URLs, which worker_threads cannot start, and the factory they
 * import names the bundle's `require$$N` module variables. This installs a global
 * `Worker` that starts such a Blob in a worker_threads eval stub (PTHREAD_BOOT), and, for
 * the length of the start, reports 2 × threads logical cores: tfjs halves that count
 * (hyper-threading) before creating the pool. A pthread worker that cannot start is an
 * error in `failed`, never an uncaught exception in this thread.
 *
 * @example
 * const start = prepareWasmThreads(tf, 2);
 * try { await Promise.race([tf.setBackend('wasm'), start.failed]); } finally { start.done(); }
 * getThreadsCount(); // 2
 */
export function prepareWasmThreads(tf: Tf, threads: number): WasmThreadsStart {
  let fail!: (err: Error) => void;
  const failed = new Promise<never>((_, reject) => { fail = reject; });
  failed.catch(() => undefined); // nobody may be racing it any more when a worker fails late

  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  installPthreadWorker(fail);
  // The module object itself (tfjs calls its cpus()), not an import's namespace copy.
  const nodeOs = require('os') as { cpus: typeof os.cpus };
  const cpus = nodeOs.cpus;
  nodeOs.cpus = () => { const one = cpus(); return Array.from({ length: 2 * threads }, (_, i) => one[i % one.length]); };
  return {
    failed,
    done: () => {
      nodeOs.cpus = cpus;
      // Later failures cannot fall back any more; they are still worth a line in the log.
      reportFailure = (err) => process.stderr.write(`nnbook: ${err.message}\n`);
    },
  };
}

/** The module variables 4.22's threaded factory uses, as rollup named them. */
const FACTORY_MODULES: Record<string, string> = { require$$0: 'fs', require$$1: 'path', require$$3: 'perf_hooks', require$$4: 'os' };

/**
 * Runs in each pthread worker (worker_threads, eval). Reads Emscripten's worker script
 * from its Blob, then hands it messages in order; the factory Blob in 'load' is read and
 * given to its importScripts by name. Fails loudly if the factory needs a module
 * variable not in FACTORY_MODULES (a tfjs upgrade).
 */
const PTHREAD_BOOT = `
const { workerData, parentPort } = require('worker_threads');
const queued = [];
const early = (m) => queued.push(m);
parentPort.on('message', early);
globalThis.require = require;
globalThis.commonjsGlobal = globalThis;
const modules = ${JSON.stringify(FACTORY_MODULES)};
for (const [name, id] of Object.entries(modules)) globalThis[name] = require(id);
(async () => {
  (0, eval)(await workerData.script.text());
  const importFile = globalThis.importScripts;
  const sources = new Map();
  globalThis.importScripts = (f) => (sources.has(f) ? (0, eval)(sources.get(f)) : importFile(f));
  const deliver = async (m) => {
    if (m && m.cmd === 'load' && typeof m.urlOrBlob !== 'string') {
      const source = await m.urlOrBlob.text();
      const unknown = [...new Set(source.match(/\\brequire\\$\\$\\d+\\b/g) || [])].filter((n) => !(n in modules));
      if (unknown.length > 0) throw new Error('the threaded WASM factory needs ' + unknown.join(', ') + ', unknown to nnbook (tfjs-backend-wasm other than 4.22?)');
      sources.set('nnbook:factory', source);
      m.urlOrBlob = 'nnbook:factory';
    }
    globalThis.onmessage({ data: m });
  };
  parentPort.removeAllListeners('message'); // the script's own listener: deliver replaces it
  let order = Promise.resolve();
  const next = (m) => { order = order.then(() => deliver(m)).catch((e) => setImmediate(() => { throw e; })); };
  parentPort.on('message', next);
  queued.forEach(next);
})().catch((e) => setImmediate(() => { throw e; }));
`;

let reportFailure: ((err: Error) => void) | undefined;

/** Once per process: the global `Worker` Emscripten's pthread code constructs. */
function installPthreadWorker(fail: (err: Error) => void): void {
  reportFailure = fail;
  if ((globalThis as { Worker?: unknown }).Worker === PthreadWorker) return;
  // Emscripten assigns worker_threads' Worker to the global on start; keep ours.
  Object.defineProperty(globalThis, 'Worker', { get: () => PthreadWorker, set: () => undefined, configurable: true });
}

/** worker_threads' Worker, except that a `blob:` URL starts PTHREAD_BOOT with that Blob. */
class PthreadWorker extends NodeWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    const blob = typeof url === 'string' && url.startsWith('blob:') ? resolveObjectURL(url) : undefined;
    if (blob == null) super(url, options);
    else super(PTHREAD_BOOT, { eval: true, workerData: { script: blob } });
    this.unref();
  }

  /**
   * Emscripten refs a worker while its pthread runs, as a process waits for its threads;
   * XNNPACK's pool threads run for ever and only serve this thread, so they must never
   * keep the process (the CLI, a test run) alive.
   */
  override ref(): void {}

  /** Emscripten's 'error' listener rethrows, which would crash this thread: report instead. */
  override on(event: string | symbol, listener: (...args: any[]) => void): this {
    if (event !== 'error') return super.on(event, listener);
    return super.on('error', (err: Error) => reportFailure?.(new Error(`a WASM thread failed to start: ${err.message}`)));
  }
}
