import type { Terminal } from './Kernel';
import type { FromKernel } from './protocol';

interface Running {
  id: string;
  onOutput: (msg: FromKernel) => void;
  resolve: (t: Terminal) => void;
  graceTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The one execution a kernel runs at a time, whatever the transport: routes the kernel's
 * messages for it, ends it exactly once, and times the grace period of an interrupt.
 * Shared by NodeKernel and WebviewKernel.
 *
 * @example
 * const terminal = slot.begin(id, onOutput);   // resolves on done / error / interrupted
 * slot.route(msgFromKernel);                    // per message
 */
export class RunningExecution {
  private running: Running | undefined;
  private starting: { interrupted: boolean } | undefined;

  /** Where output that belongs to no running cell goes (printed after its cell ended). */
  constructor(private readonly log?: (line: string) => void) {}

  /**
   * Awaits the kernel's start for an execution about to begin; resolves true when an
   * interrupt came meanwhile, so the cell is cancelled before it is ever sent.
   */
  async waitForStart(start: () => Promise<unknown>): Promise<boolean> {
    const starting = { interrupted: false };
    this.starting = starting;
    try {
      await start();
    } finally {
      if (this.starting === starting) this.starting = undefined;
    }
    return starting.interrupted;
  }

  /** An interrupt: cancels an execution still waiting for its kernel (see waitForStart). */
  interruptStarting(): void {
    if (this.starting) this.starting.interrupted = true;
  }

  get id(): string | undefined {
    return this.running?.id;
  }

  begin(id: string, onOutput: (msg: FromKernel) => void): Promise<Terminal> {
    if (this.running) throw new Error('a kernel runs one execution at a time');
    return new Promise<Terminal>((resolve) => { this.running = { id, onOutput, resolve }; });
  }

  /** Hands one kernel message to the running execution; returns whether it was for it. */
  route(msg: FromKernel): boolean {
    const run = this.running;
    switch (msg.type) {
      case 'done': case 'error': case 'interrupted':
        if (!run || msg.id !== run.id) return false;
        this.end(msg);
        return true;
      case 'stream': case 'display':
        if (run && msg.id === run.id) { run.onOutput(msg); return true; }
        if (msg.type === 'stream') this.log?.(msg.text);
        return false;
      case 'update':
        run?.onOutput(msg);
        return run !== undefined;
      default:
        return false;
    }
  }

  /** Ends the running execution (if any) with `t`, under its own id. */
  end(t: Terminal): void {
    const run = this.running;
    if (!run) return;
    if (run.graceTimer) clearTimeout(run.graceTimer);
    this.running = undefined;
    run.resolve({ ...t, id: run.id });
  }

  /**
   * Starts the interrupt's grace period: `onExpired` runs if the same execution is still
   * running after `ms`. Returns false when nothing runs or an interrupt is already pending.
   */
  armGrace(ms: number, onExpired: (id: string) => void): boolean {
    const run = this.running;
    if (!run || run.graceTimer) return false;
    run.graceTimer = setTimeout(() => { if (this.running === run) onExpired(run.id); }, ms);
    return true;
  }
}
