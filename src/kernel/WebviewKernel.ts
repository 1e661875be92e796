import type * as vscode from 'vscode';
import { KernelPanel } from '../webview/KernelPanel';
import type { PageToHost, WebBackendSetting } from '../webview/pageMessages';
import { HeartbeatMonitor, type Responsiveness } from './HeartbeatMonitor';
import { workspaceHostServices, type HostServices } from './hostServices';
import type { ExecuteRequest, Kernel, KernelInfo, Terminal } from './Kernel';
import type { FromKernel } from './protocol';
import { RunningExecution } from './RunningExecution';
import { WorkspaceFiles } from './WorkspaceFiles';

export interface WebviewKernelOptions {
  extensionUri: vscode.Uri;
  /** `nnbook.kernel.backend`, read at every (re)start so a changed setting applies on restart. */
  backend?: () => WebBackendSetting;
  /** How long a cooperative interrupt may take before the Worker is terminated. */
  interruptGraceMs?: number;
  /** Panel title, e.g. "nnbook kernel: xor.nnbook". */
  title?: string;
  /** Diagnostics that belong to no cell (uncaught errors in the Worker, output after a cell ended). */
  log?: (line: string) => void;
  /** The folder `nn.files` and `nnbook://` models read and write (absolute); without it they are refused. */
  workspaceRoot?: string;
  /** Why there is no workspaceRoot, in the words a refused cell shows. */
  noWorkspaceReason?: string;
  /** Silence after which a running kernel counts as not responding (default NOT_RESPONDING_MS). */
  notRespondingMs?: number;
}

interface Waiter {
  resolve: (info: KernelInfo) => void;
  reject: (err: Error) => void;
}

/**
 * The webview kernel: the shared runtime in a dedicated Worker inside a webview panel
 * (media/kernel/kernel.js starts it from out/kernel-web.js), tfjs on WebGL, WASM or CPU.
 * A webview has no SharedArrayBuffer, so an interrupt is the 'interrupt' message, seen at
 * the cell's next await or training batch; a cell that does not get there within the
 * grace period (`while (true) {}`) is stopped by terminating the Worker — the panel stays,
 * a new Worker starts, and the execution says its state was lost.
 */
export class WebviewKernel implements Kernel {
  private panel: KernelPanel | undefined;
  private ready: Promise<KernelInfo> | undefined;
  private waiters: Waiter[] = [];
  private readonly running: RunningExecution;
  /** Which Worker of the page is current; messages from older ones are dropped. */
  private generation = 0;
  /** 'page-ready's from the current panel: a second one means the page reloaded and lost its Worker. */
  private pageLoads = 0;
  private disposed = false;
  private readonly graceMs: number;
  private readonly serveHost: HostServices;
  private readonly responsivenessListeners: Array<(r: Responsiveness) => void> = [];
  private readonly monitor: HeartbeatMonitor;

  constructor(private readonly options: WebviewKernelOptions) {
    this.graceMs = options.interruptGraceMs ?? 3000;
    this.running = new RunningExecution(options.log);
    this.serveHost = workspaceHostServices(options.workspaceRoot ? new WorkspaceFiles(options.workspaceRoot) : undefined, options.noWorkspaceReason);
    this.monitor = new HeartbeatMonitor((r) => { for (const l of this.responsivenessListeners) l(r); }, { silentMs: options.notRespondingMs });
  }

  start(): Promise<KernelInfo> {
    if (this.disposed) return Promise.reject(new Error('kernel disposed'));
    this.ready ??= this.open('starting');
    return this.ready;
  }

  async execute(req: ExecuteRequest, onOutput: (msg: FromKernel) => void): Promise<Terminal> {
    if (await this.running.waitForStart(() => this.start())) return { type: 'interrupted', id: req.id, how: 'cooperative', ms: 0 };
    const terminal = this.running.begin(req.id, onOutput);
    this.panel?.post({ type: 'to-kernel', msg: { type: 'execute', ...req } });
    this.monitor.begin();
    return terminal.finally(() => this.monitor.end());
  }

  interrupt(options?: { force?: boolean }): void {
    this.running.interruptStarting();
    const id = this.running.id;
    if (id !== undefined && options?.force) { this.forceStop(0); return; }
    if (id === undefined || !this.running.armGrace(this.graceMs, () => this.forceStop())) return;
    this.panel?.post({ type: 'to-kernel', msg: { type: 'interrupt', id } });
  }

  onResponsiveness(listener: (r: Responsiveness) => void): void {
    this.responsivenessListeners.push(listener);
  }

  restart(): Promise<KernelInfo> {
    this.running.end({ type: 'interrupted', id: '', how: 'forced', ms: 0, stateLost: true });
    this.ready = this.open('restarting');
    return this.ready;
  }

  dispose(): void {
    this.disposed = true;
    this.running.end({ type: 'interrupted', id: '', how: 'forced', ms: 0, stateLost: true });
    this.failWaiters(new Error('kernel disposed'));
    this.panel?.dispose();
    this.panel = undefined;
  }

  /** Opens the panel (its page starts a Worker), or asks the open one for a fresh Worker. */
  private open(reason: string): Promise<KernelInfo> {
    const backend = this.options.backend?.() ?? 'auto';
    const ready = new Promise<KernelInfo>((resolve, reject) => this.waiters.push({ resolve, reject }));
    if (!this.panel) {
      this.generation = 0;
      this.pageLoads = 0;
      this.panel = new KernelPanel({
        extensionUri: this.options.extensionUri,
        backend,
        title: this.options.title,
        onMessage: (msg) => this.fromPage(msg),
        onClosed: () => this.panelClosed(),
      });
    } else {
      this.generation++;
      this.panel.post({ type: 'restart-worker', backend, reason, generation: this.generation });
    }
    return ready;
  }

  private fromPage(msg: PageToHost): void {
    switch (msg.type) {
      case 'from-kernel':
        if (msg.generation === this.generation) this.fromKernel(msg.msg);
        return;
      case 'worker-failed':
        if (msg.generation !== this.generation) return;
        if (this.waiters.length > 0) this.failStart(new Error(`the kernel failed to start: ${msg.message}`));
        else this.kernelDied(`The kernel worker failed (${msg.message}).`);
        return;
      case 'context-lost':
        this.kernelDied('The WebGL context was lost (GPU reset or too many contexts), and the tensors on the GPU with it.');
        return;
      case 'page-ready':
        if (this.pageLoads++ > 0) this.pageReloaded();
        return;
      case 'log':
        this.options.log?.(msg.text + '\n');
        return;
      case 'stop':
        this.interrupt();
        return;
      case 'restart':
        void this.restart().catch((err) => this.options.log?.(`restart failed: ${err?.message ?? err}\n`));
        return;
    }
  }

  private fromKernel(msg: FromKernel): void {
    this.monitor.alive();
    if (msg.type === 'host') {
      const generation = this.generation;
      void this.serveHost(msg).then((reply) => {
        if (this.generation === generation) this.panel?.post({ type: 'to-kernel', msg: reply });
      });
    } else if (msg.type === 'ready') {
      for (const w of this.waiters.splice(0)) w.resolve({ backend: msg.backend, detail: msg.detail });
    } else if (msg.type === 'error' && msg.id === '' && msg.name === 'KernelStartError' && this.waiters.length > 0) {
      this.failStart(new Error(`the kernel failed to start: ${msg.message}`));
    } else {
      this.running.route(msg);
    }
  }

  /** The Worker is gone with its state: end the running cell, start a fresh Worker. */
  private kernelDied(why: string): void {
    if (this.running.id !== undefined) {
      this.running.end({ type: 'error', id: '', name: 'KernelDied', message: `${why} All variables were lost; the kernel restarted.`, stack: '', ms: 0, tensorsDelta: 0, stateLost: true });
    }
    this.ready = this.open('restarting after a failure');
    this.ready.catch(() => undefined); // the next start() reports it
  }

  /** The page reloaded (its Worker went with it) and started a new first Worker by itself. */
  private pageReloaded(): void {
    this.generation = 0;
    if (this.running.id !== undefined) {
      this.running.end({ type: 'error', id: '', name: 'KernelDied', message: 'The kernel page reloaded. All variables were lost; the kernel restarted.', stack: '', ms: 0, tensorsDelta: 0, stateLost: true });
    }
    if (this.waiters.length === 0) {
      this.ready = new Promise<KernelInfo>((resolve, reject) => this.waiters.push({ resolve, reject }));
      this.ready.catch(() => undefined);
    }
  }

  private panelClosed(): void {
    this.panel = undefined;
    this.ready = undefined;
    this.failWaiters(new Error('the kernel panel was closed'));
    if (this.running.id !== undefined) {
      this.running.end({ type: 'error', id: '', name: 'KernelDied', message: 'The kernel panel was closed. All variables were lost; the next run opens a new kernel.', stack: '', ms: 0, tensorsDelta: 0, stateLost: true });
    }
  }

  private failStart(err: Error): void {
    this.ready = undefined; // the next start() tries again
    this.failWaiters(err);
  }

  private failWaiters(err: Error): void {
    for (const w of this.waiters.splice(0)) w.reject(err);
  }

  /** Ends the running cell and starts a fresh Worker in the panel; `waitedMs`: how long the cell was given. */
  private forceStop(waitedMs = this.graceMs): void {
    this.running.end({ type: 'interrupted', id: '', how: 'forced', ms: waitedMs, stateLost: true });
    this.ready = this.open('restarting after a forced interrupt');
    this.ready.catch(() => undefined);
  }
}
