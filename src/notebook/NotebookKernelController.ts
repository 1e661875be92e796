import * as vscode from 'vscode';
import type { Kernel } from '../kernel/Kernel';
import { KernelSession, type CellResult } from '../kernel/KernelSession';
import { resultItems, resultStamp } from '../kernel/resultOutput';
import { CellOutputWriter } from './CellOutputWriter';

export interface ControllerSpec {
  id: string;
  label: string;
  description: string;
  /** The kernel VS Code suggests (and picks by default) for every `.nnbook`. */
  preferred?: boolean;
  /** Makes a fresh kernel for one notebook (its workspace folder is where the kernel's files live). */
  createKernel: (notebook: vscode.NotebookDocument) => Kernel;
}

interface SessionEntry {
  session: KernelSession;
  order: number;
  notResponding: boolean;
  writer?: CellOutputWriter;
}

/**
 * One entry in the kernel picker for `.nnbook` notebooks. Each notebook gets its own
 * kernel session; cells queue in the order VS Code sends them; execution order numbers
 * count per session and start again after a restart.
 */
export class NotebookKernelController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  /** `notResponding`: the running cell's kernel is silent (HeartbeatMonitor) right now; `writer`: the running cell's outputs. */
  private readonly sessions = new Map<vscode.NotebookDocument, SessionEntry>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly spec: ControllerSpec) {
    this.controller = vscode.notebooks.createNotebookController(spec.id, 'nnbook', spec.label);
    this.controller.supportedLanguages = ['typescript', 'javascript'];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = spec.description;
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.controller.interruptHandler = (notebook) => this.sessions.get(notebook)?.session.interrupt();
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.disposeSession(nb)),
    );
    if (spec.preferred) {
      const prefer = (nb: vscode.NotebookDocument) => {
        if (nb.notebookType === 'nnbook') this.controller.updateNotebookAffinity(nb, vscode.NotebookControllerAffinity.Preferred);
      };
      vscode.workspace.notebookDocuments.forEach(prefer);
      this.disposables.push(vscode.workspace.onDidOpenNotebookDocument(prefer));
    }
  }

  /** Restarts the kernel of a notebook (the "Restart Kernel" command). */
  async restart(notebook: vscode.NotebookDocument): Promise<boolean> {
    const entry = this.sessions.get(notebook);
    if (!entry) return false;
    entry.order = 0;
    const info = await entry.session.restart();
    this.controller.detail = `${info.backend}: ${info.detail}`;
    return true;
  }

  hasSession(notebook: vscode.NotebookDocument): boolean {
    return this.sessions.has(notebook);
  }

  dispose(): void {
    for (const nb of [...this.sessions.keys()]) this.disposeSession(nb);
    for (const d of this.disposables) d.dispose();
  }

  private async execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      const manage = 'Manage Workspace Trust';
      const pick = await vscode.window.showWarningMessage(
        'nnbook runs no cell in an untrusted workspace: a cell is code that runs on your machine. Trust this folder to run cells.',
        manage,
      );
      if (pick === manage) await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    }
    const entry = this.sessionFor(notebook);
    await Promise.all(cells.filter((c) => c.kind === vscode.NotebookCellKind.Code).map((cell) => this.runCell(cell, entry)));
  }

  private sessionFor(notebook: vscode.NotebookDocument) {
    let entry = this.sessions.get(notebook);
    if (!entry) {
      const session = new KernelSession(this.spec.createKernel(notebook));
      entry = { session, order: 0, notResponding: false };
      this.sessions.set(notebook, entry);
      session.onResponsiveness((r) => {
        const e = this.sessions.get(notebook);
        if (e) e.notResponding = !r.responding;
        if (r.responding) return;
        // under the stuck cell too: the notification may be hidden or dismissed
        e?.writer?.write({ type: 'stream', id: '', name: 'stderr', text: `nnbook: the kernel has not responded for ${Math.round(r.silentMs / 1000)} s (a loop that never awaits?). Stop the cell to end it by force; its variables will be lost.\n` });
        void this.offerForceStop(notebook, r.silentMs);
      });
      session.start().then(
        (info) => { this.controller.detail = `${info.backend}: ${info.detail}`; },
        (err) => void vscode.window.showErrorMessage(`nnbook: the kernel did not start: ${err?.message ?? err}`),
      );
    }
    return entry;
  }

  private async runCell(cell: vscode.NotebookCell, entry: SessionEntry): Promise<void> {
    const execution = this.controller.createNotebookCellExecution(cell);
    const writer = new CellOutputWriter(execution);
    let started = false;
    let result: CellResult;
    try {
      result = await entry.session.run({
        source: cell.document.getText(),
        label: `cell ${cell.index + 1}`,
        onStart: () => {
          started = true;
          entry.writer = writer;
          execution.executionOrder = ++entry.order;
          execution.start(Date.now());
          void execution.clearOutput();
        },
        onOutput: (msg) => writer.write(msg),
      });
    } catch (err) {
      result = { status: 'error', ms: 0, name: 'KernelError', message: String((err as Error)?.message ?? err), stack: '' };
    }
    if (entry.writer === writer) entry.writer = undefined;
    if (!started) {
      execution.start(Date.now());
      if (result.status === 'cancelled') { execution.end(undefined); return; }
    }
    const stamp = resultStamp(result);
    if (!stamp) { execution.end(undefined); return; } // cancelled: it never ran
    await writer.finish(resultItems(result), stamp);
    if (result.status === 'interrupted' && result.stateLost) entry.order = 0;
    execution.end(result.status === 'ok', Date.now());
  }

  /**
   * The running cell's kernel has been silent too long (HeartbeatMonitor): a loop that
   * never awaits cannot be interrupted cooperatively, so offer to stop it by force.
   */
  private async offerForceStop(notebook: vscode.NotebookDocument, silentMs: number): Promise<void> {
    const stop = 'Stop (force)';
    const restart = 'Restart';
    const name = notebook.uri.path.split('/').pop();
    const pick = await vscode.window.showWarningMessage(
      `nnbook: the kernel of ${name} has not responded for ${Math.round(silentMs / 1000)} s (a loop that never awaits?). ` +
      'Stop (force) ends the running cell and loses the variables; Restart starts a fresh kernel.',
      stop, restart,
    );
    const entry = this.sessions.get(notebook);
    if (!entry || pick === undefined) return;
    if (pick === stop && !entry.notResponding) {
      // The notification outlives the hang: a click after the kernel recovered must not kill a healthy cell.
      void vscode.window.showInformationMessage('nnbook: the kernel is responding again (or the cell ended); nothing was stopped.');
      return;
    }
    if (pick === stop) entry.session.interrupt({ force: true });
    else if (pick === restart) await this.restart(notebook).catch((err) => vscode.window.showErrorMessage(`nnbook: restart failed: ${err?.message ?? err}`));
  }

  private disposeSession(notebook: vscode.NotebookDocument): void {
    this.sessions.get(notebook)?.session.dispose();
    this.sessions.delete(notebook);
  }
}
