import type { Responsiveness } from './HeartbeatMonitor';
import type { FromKernel, ToKernel } from './protocol';

export type { Responsiveness };

export interface KernelInfo {
  /** The tfjs backend the cells run on: 'wasm', 'cpu', 'webgl'. */
  backend: string;
  /** Why that backend, in words (shown in the first output of a session). */
  detail: string;
}

export type ExecuteRequest = Omit<Extract<ToKernel, { type: 'execute' }>, 'type' | 'interruptGeneration'>;

/** How an execution ended, as the kernel said it. */
export type Terminal = Extract<FromKernel, { type: 'done' | 'error' | 'interrupted' }> & { stateLost?: boolean };

/**
 * Anything that runs cells: the node worker kernel or (later) the webview kernel.
 * Executions are one at a time; the caller queues.
 */
export interface Kernel {
  /** Starts the kernel if needed; resolves when it said 'ready'. */
  start(): Promise<KernelInfo>;
  /** Runs one compiled cell; `onOutput` gets its stream/display/update messages. */
  execute(req: ExecuteRequest, onOutput: (msg: FromKernel) => void): Promise<Terminal>;
  /**
   * Interrupts the running execution: cooperative first, forced after a grace period;
   * `force` stops the kernel at once (its state is lost), for a kernel not responding.
   */
  interrupt(options?: { force?: boolean }): void;
  /** Tells `listener` when a running cell's kernel stops responding (no heartbeat) and when it responds again. */
  onResponsiveness(listener: (r: Responsiveness) => void): void;
  /** Throws away all state and starts afresh. */
  restart(): Promise<KernelInfo>;
  dispose(): void;
}
