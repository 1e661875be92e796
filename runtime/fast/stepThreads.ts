/** The kernels of wasmStepModule a helper thread can run, by export name. */
export type StepKernelName = 'rows' | 'xw' | 'xtd';

/**
 * A second thread for the fast path's SIMD kernels, working on a StepArena's shared
 * WebAssembly memory while this thread works on the other half. Node's implementation is
 * runtime/node/NodeStepThreads (worker_threads); a browser worker has none (shared memory
 * there needs cross-origin isolation, which a VS Code webview does not give).
 */
export interface StepThreads {
  /** The helper for one arena, or undefined when no thread can be had (the arena then runs alone). */
  attach(memory: WebAssembly.Memory, module: WebAssembly.Module): StepThread | undefined;
}

export interface StepThread {
  /** Starts these kernel calls, in order, on the helper thread; returns at once. Integer arguments only. */
  start(calls: [StepKernelName, number[]][]): void;
  /** Blocks until the started calls are done; throws what the helper threw. */
  wait(): void;
  /** Frees the helper's instance of this arena (its memory stays the arena's). */
  detach(): void;
}
