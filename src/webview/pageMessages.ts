/**
 * Messages between the extension host (KernelPanel) and the kernel webview page
 * (media/kernel/kernel.js). Kernel protocol messages travel inside them unchanged.
 */
import type { FromKernel, ToKernel } from '../kernel/protocol';

export type WebBackendSetting = 'auto' | 'webgl' | 'wasm' | 'cpu';

export type HostToPage =
  | { type: 'to-kernel'; msg: ToKernel }
  /** Terminate the Worker (if any) and start a fresh one: forced interrupt, restart. */
  | { type: 'restart-worker'; backend: WebBackendSetting; reason: string; generation: number };

export type PageToHost =
  /** The page's script runs and listens: held messages can be sent. */
  | { type: 'page-ready' }
  /** `generation`: which Worker said it (the page's first is 0; each restart-worker names the next). */
  | { type: 'from-kernel'; msg: FromKernel; generation: number }
  /** The Worker could not start (bundle failed to load, error before 'ready'). */
  | { type: 'worker-failed'; message: string; generation: number }
  | { type: 'context-lost' }
  | { type: 'log'; text: string }
  /** The panel's buttons. */
  | { type: 'stop' }
  | { type: 'restart' };
