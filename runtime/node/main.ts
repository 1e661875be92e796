/**
 * Entry of the node kernel: a `worker_threads` worker started by src/kernel/NodeKernel.
 * It picks the tfjs backend, then hands every message to the shared KernelRuntime.
 */
import { parentPort, workerData } from 'worker_threads';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { FromKernel, ToKernel } from '../../src/kernel/protocol';
import { PROTOCOL_VERSION } from '../../src/kernel/protocol';
import { selectBackend } from '../backend/selectBackend';
import { nodeMnistLoader } from '../data/mnistNodeLoader';
import { KernelRuntime } from '../kernel/KernelRuntime';

export interface NodeKernelData {
  /** SharedArrayBuffer(4): the host's interrupt counter. */
  interruptBuffer: SharedArrayBuffer;
  backend: 'auto' | 'wasm' | 'cpu';
  /** Folder with the tfjs .wasm files; defaults to ./wasm beside this bundle. */
  wasmDir?: string;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('runtime/node/main must run in a worker_threads worker');
  const data = workerData as NodeKernelData;
  const post = (msg: FromKernel) => port.postMessage(msg);
  const wasmDir = data.wasmDir ?? path.join(__dirname, 'wasm');
  const { backend, detail } = await selectBackend(tf, { wasmDir, prefer: data.backend });
  const runtime = new KernelRuntime({ tf, post, backend, interruptCounter: new Int32Array(data.interruptBuffer), mnistLoader: nodeMnistLoader() });
  port.on('message', (msg: ToKernel) => runtime.handle(msg));
  post({ type: 'ready', protocol: PROTOCOL_VERSION, backend, detail });
}

main().catch((err) => {
  parentPort?.postMessage({ type: 'error', id: '', name: 'KernelStartError', message: String(err?.message ?? err), stack: String(err?.stack ?? ''), ms: 0, tensorsDelta: 0 } satisfies FromKernel);
});
