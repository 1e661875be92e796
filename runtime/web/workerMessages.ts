/**
 * Messages between the kernel webview page (media/kernel/kernel.js) and its Worker
 * (runtime/web/main.ts), besides the kernel protocol itself, which passes through as is.
 * Type-only: the page is plain JavaScript and only mirrors these shapes.
 */
import type { FromKernel, ToKernel } from '../../src/kernel/protocol';

/** `nnbook.kernel.backend`. */
export type WebBackendSetting = 'auto' | 'webgl' | 'wasm' | 'cpu';

/** tfjs-backend-wasm binary name → a URL the worker can fetch (blob: URLs made by the page). */
export type WasmPaths = Record<string, string>;

export type ToWorker =
  | {
      type: 'init';
      backend: WebBackendSetting;
      /** Absent when the page could not load the binaries: then WASM is unavailable. */
      wasmPaths?: WasmPaths;
      /** Why wasmPaths is absent, for `detail`. */
      wasmProblem?: string;
      /** out/data/mnist.bin.gz as a webview URL, fetched when a cell asks for nn.data.mnist(). */
      mnistUrl?: string;
    }
  /** The page asks for tf.memory() (only while it is visible). */
  | { type: 'stats' }
  | ToKernel;

export type FromWorker =
  | FromKernel
  | { type: 'stats'; backend: string; numTensors: number; numBytes: number }
  /** Sent once, before 'ready': what the page shows about WebGL. */
  | { type: 'webgl-info'; renderer: string; software: boolean }
  /** The WebGL context was lost: the kernel's tensors on the GPU are gone. */
  | { type: 'context-lost' };
