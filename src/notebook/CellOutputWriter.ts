import * as vscode from 'vscode';
import type { FromKernel, OutputItem } from '../kernel/protocol';
import { MIME } from '../kernel/protocol';
import type { RunStamp } from '../kernel/resultOutput';
import { LiveUpdateRelay } from './LiveUpdateRelay';

let sharedRelay: LiveUpdateRelay<vscode.NotebookEditor> | null | undefined;

/** The extension's one relay to the nnbook renderer (made on first use; none where VS Code has no renderer messaging). */
export function liveUpdateRelay(): LiveUpdateRelay<vscode.NotebookEditor> | undefined {
  if (sharedRelay === undefined) {
    try { sharedRelay = new LiveUpdateRelay(vscode.notebooks.createRendererMessaging('nnbook-renderer')); } catch { sharedRelay = null; }
  }
  return sharedRelay ?? undefined;
}


const STREAM_FLUSH_MS = 50;

/**
 * Turns kernel messages into one cell's outputs. Console text is coalesced (at most one
 * append per 50 ms) and consecutive text of the same stream goes into one output, so a
 * chatty cell costs VS Code a few updates a second rather than one per line. A display
 * with a displayId this cell already shows replaces that output's items (live charts
 * send snapshots that way, then their final picture); live `update` deltas go to the
 * renderer through the relay and are never persisted.
 */
export class CellOutputWriter {
  private readonly outputs: vscode.NotebookCellOutput[] = [];
  private pending: { name: 'stdout' | 'stderr'; text: string } | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private chain: Thenable<void> = Promise.resolve();

  private readonly byDisplayId = new Map<string, vscode.NotebookCellOutput>();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    private readonly relay: Pick<LiveUpdateRelay<unknown>, 'forward' | 'end'> | undefined = liveUpdateRelay(),
  ) {}

  write(msg: FromKernel): void {
    switch (msg.type) {
      case 'stream':
        if (this.pending && this.pending.name !== msg.name) this.flush();
        this.pending ??= { name: msg.name, text: '' };
        this.pending.text += msg.text;
        this.timer ??= setTimeout(() => this.flush(), STREAM_FLUSH_MS);
        return;
      case 'display': {
        this.flush();
        const existing = msg.displayId ? this.byDisplayId.get(msg.displayId) : undefined;
        if (existing) {
          const items = msg.items.map(toVsItem);
          existing.items.splice(0, existing.items.length, ...items);
          this.chain = this.chain.then(() => this.execution.replaceOutputItems(items, existing));
          return;
        }
        const output = new vscode.NotebookCellOutput(msg.items.map(toVsItem), msg.displayId ? { nnbook: { displayId: msg.displayId } } : undefined);
        if (msg.displayId) this.byDisplayId.set(msg.displayId, output);
        this.append(output);
        return;
      }
      case 'update':
        this.relay?.forward(msg.displayId, msg.delta);
        return;
      default:
        return;
    }
  }

  /** Appends the cell's value, error or interrupt (resultItems), stamps the last output and waits for VS Code. */
  async finish(final: OutputItem[] | undefined, stamp: RunStamp): Promise<void> {
    this.flush();
    const meta = { nnbook: stamp };
    if (final && final.length > 0) {
      this.append(new vscode.NotebookCellOutput(final.map(toVsItem), meta));
    } else if (this.outputs.length > 0) {
      const last = this.outputs[this.outputs.length - 1];
      this.outputs[this.outputs.length - 1] = new vscode.NotebookCellOutput(last.items, { ...last.metadata, nnbook: { ...(last.metadata?.nnbook as object | undefined), ...meta.nnbook } });
      const all = [...this.outputs];
      this.chain = this.chain.then(() => this.execution.replaceOutput(all));
    }
    await this.chain;
    for (const id of this.byDisplayId.keys()) this.relay?.end(id);
  }

  private flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const p = this.pending;
    this.pending = undefined;
    if (!p || p.text === '') return;
    const mime = p.name === 'stdout' ? MIME.stdout : MIME.stderr;
    const item = vscode.NotebookCellOutputItem.text(p.text, mime);
    const last = this.outputs[this.outputs.length - 1];
    if (last && last.items.length > 0 && last.items.every((i) => i.mime === mime)) {
      last.items.push(item);
      this.chain = this.chain.then(() => this.execution.appendOutputItems(item, last));
    } else {
      this.append(new vscode.NotebookCellOutput([item]));
    }
  }

  private append(output: vscode.NotebookCellOutput): void {
    this.outputs.push(output);
    this.chain = this.chain.then(() => this.execution.appendOutput(output));
  }
}

export function toVsItem(item: OutputItem): vscode.NotebookCellOutputItem {
  const bytes = item.encoding === 'base64' ? Buffer.from(item.data, 'base64') : Buffer.from(item.data, 'utf8');
  return new vscode.NotebookCellOutputItem(bytes, item.mime);
}
