import { CellSyntaxError, compileCell } from '../compile';
import type { Kernel, KernelInfo, Responsiveness } from './Kernel';
import { ExecutionQueue } from './ExecutionQueue';
import type { FromKernel, OutputItem } from './protocol';

/** Names every cell starts with (the runtime binds them). */
const PREBOUND = ['tf', 'nn'];

export type CellResult =
  | { status: 'ok'; ms: number; tensorsDelta: number; numTensors: number; value?: OutputItem[] }
  | { status: 'error'; ms: number; name: string; message: string; stack: string; tensorsDelta?: number }
  | { status: 'interrupted'; ms: number; how: 'cooperative' | 'forced'; stateLost: boolean }
  | { status: 'cancelled' };

export interface CellRun {
  /** The cell's TypeScript source. */
  source: string;
  /** How stack frames name the cell, e.g. "cell 3". */
  label: string;
  /** Stream, display and live-update messages while it runs. */
  onOutput: (msg: FromKernel) => void;
  /** Called when the cell leaves the queue and starts. */
  onStart?: () => void;
}

/**
 * One notebook's conversation with its kernel: cells are compiled here (the host
 * compiles; kernels only evaluate), queued, and run in order. The session remembers
 * which names earlier cells declared, so a later cell's references to them read the
 * kernel's scope; a restart or a forced interrupt forgets them with the state.
 */
export class KernelSession {
  private readonly queue = new ExecutionQueue();
  private known = new Set(PREBOUND);
  private counter = 0;
  /** The cell between leaving the queue and reaching the kernel; an interrupt then stops it there. */
  private starting: { interrupted: boolean } | undefined;

  constructor(private readonly kernel: Kernel) {}

  start(): Promise<KernelInfo> {
    return this.kernel.start();
  }

  run(cell: CellRun): Promise<CellResult> {
    return this.queue.enqueue(() => this.runNow(cell)).then((r) => r ?? { status: 'cancelled' });
  }

  /** Drops the queued cells and interrupts the running one; `force`: stop the kernel now (state lost). */
  interrupt(options?: { force?: boolean }): void {
    this.queue.cancelPending();
    if (this.starting) this.starting.interrupted = true;
    this.kernel.interrupt(options);
  }

  /** When the running cell's kernel stops responding (see HeartbeatMonitor) and when it responds again. */
  onResponsiveness(listener: (r: Responsiveness) => void): void {
    this.kernel.onResponsiveness(listener);
  }

  async restart(): Promise<KernelInfo> {
    this.queue.cancelPending();
    this.known = new Set(PREBOUND);
    return this.kernel.restart();
  }

  dispose(): void {
    this.queue.cancelPending();
    this.kernel.dispose();
  }

  private async runNow(cell: CellRun): Promise<CellResult> {
    const starting = { interrupted: false };
    this.starting = starting;
    try {
      cell.onStart?.();
    } finally {
      this.starting = undefined;
    }
    if (starting.interrupted) return { status: 'interrupted', ms: 0, how: 'cooperative', stateLost: false };
    const t0 = performance.now();
    let compiled;
    try {
      compiled = compileCell(cell.source, { filename: cell.label, known: this.known });
    } catch (err) {
      if (err instanceof CellSyntaxError) {
        return { status: 'error', ms: performance.now() - t0, name: 'SyntaxError', message: err.message, stack: `SyntaxError: ${err.message}\n    at ${cell.label}:${err.line}:${err.column}` };
      }
      throw err;
    }
    for (const name of compiled.declared) this.known.add(name);
    const id = `${++this.counter}`;
    const t = await this.kernel.execute({ id, cell: cell.label, js: compiled.js, map: compiled.map, declared: compiled.declared }, cell.onOutput);
    switch (t.type) {
      case 'done':
        return { status: 'ok', ms: t.ms, tensorsDelta: t.tensorsDelta, numTensors: t.numTensors, value: t.value };
      case 'error':
        if (t.stateLost) this.known = new Set(PREBOUND);
        return { status: 'error', ms: t.ms, name: t.name, message: t.message, stack: t.stack, tensorsDelta: t.tensorsDelta };
      case 'interrupted':
        if (t.stateLost) this.known = new Set(PREBOUND);
        return { status: 'interrupted', ms: t.ms, how: t.how, stateLost: t.stateLost ?? t.how === 'forced' };
    }
  }
}
