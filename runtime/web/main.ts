/**
 * Entry of the webview kernel: a dedicated Worker the kernel page (media/kernel/kernel.js)
 * starts from a blob: URL. It waits for the page's 'init' (backend setting, WASM binary
 * URLs), picks the tfjs backend, then hands every kernel message to the shared
 * KernelRuntime. Bundled by esbuild as out/kernel-web.js (browser, iife).
 */
import { nextTask } from './replaceAnimationFrame'; // before tfjs: see there
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { ToKernel } from '../../src/kernel/protocol';
import { PROTOCOL_VERSION } from '../../src/kernel/protocol';
import { fetchMnistLoader } from '../data/mnistFetchLoader';
import { KernelRuntime } from '../kernel/KernelRuntime';
import { chooseWebBackend } from './chooseWebBackend';
import { makeWebBackendSwitch } from './switchWebBackend';
import { probeWebGL } from './probeWebGL';
import { watchContextLoss } from './watchContextLoss';
import type { FromWorker, ToWorker } from './workerMessages';

interface WorkerScope {
  postMessage(msg: FromWorker): void;
  onmessage: ((ev: MessageEvent<ToWorker>) => void) | null;
}
const worker = globalThis as unknown as WorkerScope;
const post = (msg: FromWorker) => worker.postMessage(msg);

let runtime: KernelRuntime | undefined;
/** Kernel messages that arrived while the backend was still being chosen. */
const early: ToKernel[] = [];

worker.onmessage = (ev) => {
  const msg = ev.data;
  switch (msg.type) {
    case 'init':
      start(msg).catch((err) => post({ type: 'error', id: '', name: 'KernelStartError', message: String(err?.message ?? err), stack: String(err?.stack ?? ''), ms: 0, tensorsDelta: 0 }));
      return;
    case 'stats': {
      const m = tf.memory();
      post({ type: 'stats', backend: tf.getBackend() ?? '', numTensors: m.numTensors, numBytes: m.numBytes });
      return;
    }
    default:
      if (runtime) runtime.handle(msg);
      else early.push(msg);
  }
};

async function start(init: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  const webgl = probeWebGL();
  post({ type: 'webgl-info', renderer: webgl.available ? webgl.renderer : `unavailable: ${webgl.problem}`, software: webgl.software });
  const { backend, detail } = await chooseWebBackend(tf, { prefer: init.backend, webgl, wasmPaths: init.wasmPaths, wasmProblem: init.wasmProblem });
  const onContextLost = () => post({ type: 'context-lost' });
  if (backend === 'webgl') watchContextLoss(tf, onContextLost);
  // No SharedArrayBuffer here (a webview is not cross-origin isolated): the 'interrupt'
  // message itself sets the flag, so the worker must read its messages during a cell.
  // model.fit yields every ~125 ms (replaceAnimationFrame); `yieldForMessages` lets the
  // runtime take one task at an await when it has not for a while (a loop of
  // `await model.trainOnBatch()` on wasm only ever awaits settled promises).
  // `switchBackend` is `await nn.backend(name)`.
  runtime = new KernelRuntime({
    tf, post, backend,
    yieldForMessages: nextTask,
    switchBackend: makeWebBackendSwitch(tf, { webgl, wasmPaths: init.wasmPaths, wasmProblem: init.wasmProblem, onContextLost }),
    mnistLoader: init.mnistUrl ? fetchMnistLoader(init.mnistUrl) : undefined,
  });
  for (const msg of early.splice(0)) runtime.handle(msg);
  post({ type: 'ready', protocol: PROTOCOL_VERSION, backend, detail });
}

