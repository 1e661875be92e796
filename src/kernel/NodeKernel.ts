import * as path from 'path';
import { Worker } from 'worker_threads';
import type { ExecuteRequest, Kernel, KernelInfo, Terminal } from './Kernel';
import type { FromKernel, ToKernel } from './protocol';

export interface NodeKernelOptions {
  /** The built kernel bundle (out/kernel-node.js). */
  workerPath?: string;
  backend?: 'auto' | 'wasm' | 'cpu';
  /** How long a cooperative interrupt may take before the worker is terminated. */
  interruptGraceMs?: number;
  /** Where the worker's own stderr (not a cell's) goes, for diagnosing crashes. */
  log?: (line: string) => void;
}

interface Running {
  id: string;
  onOutput: (msg: FromKernel) => void;
  resolve: (t: Terminal) => void;
  graceTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The node kernel: the shared runtime in a `worker_threads` worker (tfjs on WASM, or
 * CPU). Interrupts bump a counter in shared memory that the runtime checks at every
 * await and after every training batch; a cell that does not reach such a point within
 * the grace period (`while (true) {}`) is stopped by terminating the worker, and a new
 * one is started — its state is lost, and the execution says so.
 */
export class NodeKernel implements Kernel {
  private worker: Worker | undefined;
  private ready: Promise<KernelInfo> | undefined;
  private running: Running | undefined;
  private interruptCounter = new Int32Array(new SharedArrayBuffer(4));
  private disposed = false;
  /** An execution is waiting for the kernel to start; an interrupt then cancels it before it runs. */
  private waitingForStart: { interrupted: boolean } | undefined;
  private readonly options: Required<Omit<NodeKernelOptions, 'log'>> & Pick<NodeKernelOptions, 'log'>;

  constructor(options: NodeKernelOptions = {}) {
    this.options = {
      workerPath: options.workerPath ?? path.join(__dirname, 'kernel-node.js'),
      backend: options.backend ?? 'auto',
      interruptGraceMs: options.interruptGraceMs ?? 3000,
      log: options.log,
    };
  }

  start(): Promise<KernelInfo> {
    if (this.disposed) return Promise.reject(new Error('kernel disposed'));
    this.ready ??= this.spawn();
    return this.ready;
  }

  async execute(req: ExecuteRequest, onOutput: (msg: FromKernel) => void): Promise<Terminal> {
    const waiting = { interrupted: false };
    this.waitingForStart = waiting;
    try {
      await this.start();
    } finally {
      this.waitingForStart = undefined;
    }
    if (waiting.interrupted) return { type: 'interrupted', id: req.id, how: 'cooperative', ms: 0 };
    if (this.running) throw new Error('NodeKernel runs one execution at a time');
    return new Promise<Terminal>((resolve) => {
      this.running = { id: req.id, onOutput, resolve };
      this.send({ type: 'execute', ...req, interruptGeneration: Atomics.load(this.interruptCounter, 0) });
    });
  }

  interrupt(): void {
    if (this.waitingForStart) this.waitingForStart.interrupted = true;
    const run = this.running;
    if (!run || run.graceTimer) return;
    Atomics.add(this.interruptCounter, 0, 1);
    this.send({ type: 'interrupt', id: run.id });
    run.graceTimer = setTimeout(() => this.forceStop(run), this.options.interruptGraceMs);
  }

  async restart(): Promise<KernelInfo> {
    this.endRunning({ type: 'interrupted', id: this.running?.id ?? '', how: 'forced', ms: 0, stateLost: true });
    await this.terminateWorker();
    this.ready = undefined;
    return this.start();
  }

  dispose(): void {
    this.disposed = true;
    this.endRunning({ type: 'interrupted', id: this.running?.id ?? '', how: 'forced', ms: 0, stateLost: true });
    void this.terminateWorker();
  }

  private spawn(): Promise<KernelInfo> {
    return new Promise<KernelInfo>((resolve, reject) => {
      this.interruptCounter = new Int32Array(new SharedArrayBuffer(4));
      const worker = new Worker(this.options.workerPath, {
        workerData: { interruptBuffer: this.interruptCounter.buffer, backend: this.options.backend },
        stdout: true,
        stderr: true,
      });
      this.worker = worker;
      // The runtime captures console; what still reaches the worker's stdio is the runtime's own.
      worker.stdout.on('data', (d) => this.options.log?.(String(d)));
      worker.stderr.on('data', (d) => this.options.log?.(String(d)));
      let started = false;
      worker.on('message', (msg: FromKernel) => {
        if (!started && msg.type === 'ready') { started = true; resolve({ backend: msg.backend, detail: msg.detail }); return; }
        if (!started && msg.type === 'error') { started = true; reject(new Error(`the kernel failed to start: ${msg.message}`)); return; }
        this.route(msg);
      });
      worker.on('error', (err) => {
        if (!started) { started = true; reject(err); return; }
        this.options.log?.(`kernel worker error: ${err.stack ?? err}`);
      });
      worker.on('exit', (code) => {
        if (this.worker !== worker) return; // terminated on purpose
        this.worker = undefined;
        this.ready = undefined;
        if (!started) { started = true; reject(new Error(`the kernel exited with code ${code} before it was ready`)); return; }
        const run = this.running;
        if (run) {
          this.endRunning({ type: 'error', id: run.id, name: 'KernelDied', message: `The kernel stopped (exit code ${code}), probably out of memory. All variables were lost; the next run starts a new kernel.`, stack: '', ms: 0, tensorsDelta: 0, stateLost: true });
        }
      });
    });
  }

  private route(msg: FromKernel): void {
    const run = this.running;
    switch (msg.type) {
      case 'done': case 'error': case 'interrupted':
        if (run && msg.id === run.id) this.endRunning(msg);
        return;
      case 'stream': case 'display':
        if (run && msg.id === run.id) run.onOutput(msg);
        else if (msg.type === 'stream') this.options.log?.(msg.text); // printed after its cell ended
        return;
      case 'update':
        run?.onOutput(msg);
        return;
      default:
        return;
    }
  }

  private endRunning(t: Terminal): void {
    const run = this.running;
    if (!run) return;
    if (run.graceTimer) clearTimeout(run.graceTimer);
    this.running = undefined;
    run.resolve({ ...t, id: run.id });
  }

  private forceStop(run: Running): void {
    if (this.running !== run) return;
    const ms = this.options.interruptGraceMs;
    void this.terminateWorker();
    this.ready = undefined;
    this.endRunning({ type: 'interrupted', id: run.id, how: 'forced', ms, stateLost: true });
  }

  private async terminateWorker(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }

  private send(msg: ToKernel): void {
    this.worker?.postMessage(msg);
  }
}
