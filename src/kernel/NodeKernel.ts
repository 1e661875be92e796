import * as path from 'path';
import { Worker } from 'worker_threads';
import { HeartbeatMonitor, type Responsiveness } from './HeartbeatMonitor';
import { workspaceHostServices, type HostServices } from './hostServices';
import type { ExecuteRequest, Kernel, KernelInfo, Terminal } from './Kernel';
import type { FromKernel, ToKernel } from './protocol';
import { RunningExecution } from './RunningExecution';
import { WorkspaceFiles } from './WorkspaceFiles';

export interface NodeKernelOptions {
  /** The built kernel bundle (out/kernel-node.js). */
  workerPath?: string;
  backend?: 'auto' | 'wasm' | 'cpu';
  /** How long a cooperative interrupt may take before the worker is terminated. */
  interruptGraceMs?: number;
  /** Where the worker's own stderr (not a cell's) goes, for diagnosing crashes. */
  log?: (line: string) => void;
  /** The folder `nn.files` and `nnbook://` models read and write (absolute); without it they are refused. */
  workspaceRoot?: string;
  /** Why there is no workspaceRoot, in the words a refused cell shows. */
  noWorkspaceReason?: string;
  /** Serves the kernel's 'host' requests; defaults to the workspaceRoot's files. */
  hostServices?: HostServices;
  /** Silence after which a running kernel counts as not responding (default NOT_RESPONDING_MS). */
  notRespondingMs?: number;
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
  private readonly running: RunningExecution;
  private interruptCounter = new Int32Array(new SharedArrayBuffer(4));
  private disposed = false;
  private readonly options: Required<Pick<NodeKernelOptions, 'workerPath' | 'backend' | 'interruptGraceMs'>> & Pick<NodeKernelOptions, 'log'>;
  private readonly serveHost: HostServices;
  private readonly responsivenessListeners: Array<(r: Responsiveness) => void> = [];
  private readonly monitor: HeartbeatMonitor;

  constructor(options: NodeKernelOptions = {}) {
    this.options = {
      workerPath: options.workerPath ?? path.join(__dirname, 'kernel-node.js'),
      backend: options.backend ?? 'auto',
      interruptGraceMs: options.interruptGraceMs ?? 3000,
      log: options.log,
    };
    this.running = new RunningExecution(options.log);
    this.serveHost = options.hostServices ?? workspaceHostServices(
      options.workspaceRoot ? new WorkspaceFiles(options.workspaceRoot) : undefined,
      options.noWorkspaceReason ?? 'this kernel was started without a workspace folder, so it reads and writes no files',
    );
    this.monitor = new HeartbeatMonitor((r) => { for (const l of this.responsivenessListeners) l(r); }, { silentMs: options.notRespondingMs });
  }

  start(): Promise<KernelInfo> {
    if (this.disposed) return Promise.reject(new Error('kernel disposed'));
    this.ready ??= this.spawn();
    return this.ready;
  }

  async execute(req: ExecuteRequest, onOutput: (msg: FromKernel) => void): Promise<Terminal> {
    if (await this.running.waitForStart(() => this.start())) return { type: 'interrupted', id: req.id, how: 'cooperative', ms: 0 };
    const terminal = this.running.begin(req.id, onOutput);
    this.send({ type: 'execute', ...req, interruptGeneration: Atomics.load(this.interruptCounter, 0) });
    this.monitor.begin();
    return terminal.finally(() => this.monitor.end());
  }

  interrupt(options?: { force?: boolean }): void {
    this.running.interruptStarting();
    const id = this.running.id;
    if (id !== undefined && options?.force) { this.forceStop(0); return; }
    if (id === undefined || !this.running.armGrace(this.options.interruptGraceMs, () => this.forceStop())) return;
    Atomics.add(this.interruptCounter, 0, 1);
    this.send({ type: 'interrupt', id });
  }

  async restart(): Promise<KernelInfo> {
    this.running.end({ type: 'interrupted', id: '', how: 'forced', ms: 0, stateLost: true });
    await this.terminateWorker();
    this.ready = undefined;
    return this.start();
  }

  dispose(): void {
    this.disposed = true;
    this.running.end({ type: 'interrupted', id: '', how: 'forced', ms: 0, stateLost: true });
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
        this.monitor.alive();
        if (!started && msg.type === 'ready') { started = true; resolve({ backend: msg.backend, detail: msg.detail }); return; }
        if (!started && msg.type === 'error') { started = true; reject(new Error(`the kernel failed to start: ${msg.message}`)); return; }
        if (msg.type === 'host') { void this.serveHost(msg).then((reply) => { if (this.worker === worker) worker.postMessage(reply); }); return; }
        this.running.route(msg);
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
        if (this.running.id !== undefined) {
          this.running.end({ type: 'error', id: '', name: 'KernelDied', message: `The kernel stopped (exit code ${code}), probably out of memory. All variables were lost; the next run starts a new kernel.`, stack: '', ms: 0, tensorsDelta: 0, stateLost: true });
        }
      });
    });
  }

  onResponsiveness(listener: (r: Responsiveness) => void): void {
    this.responsivenessListeners.push(listener);
  }

  /** Terminates the worker (a new one starts with the next cell); `waitedMs`: how long the cell was given. */
  private forceStop(waitedMs = this.options.interruptGraceMs): void {
    void this.terminateWorker();
    this.ready = undefined;
    this.running.end({ type: 'interrupted', id: '', how: 'forced', ms: waitedMs, stateLost: true });
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
