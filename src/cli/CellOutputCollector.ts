import type { OutputModel } from '../format';
import type { CellResult } from '../kernel/KernelSession';
import { resultItems, resultStamp } from '../kernel/resultOutput';
import type { FromKernel } from '../kernel/protocol';
import { MIME } from '../kernel/protocol';

/**
 * Collects one cell's kernel messages into `.nnbook` outputs the way the VS Code
 * controller shows them: consecutive text of one stream in one output, then displays,
 * then the value or the error, with the run's stamp on the last output. A display whose
 * displayId was shown before replaces that output (live charts' snapshots, then their
 * final picture); live `update` deltas are not stored.
 */
export class CellOutputCollector {
  readonly outputs: OutputModel[] = [];

  write(msg: FromKernel): void {
    if (msg.type === 'stream') {
      const mime = msg.name === 'stdout' ? MIME.stdout : MIME.stderr;
      const last = this.outputs[this.outputs.length - 1];
      const lastItem = last?.items[last.items.length - 1];
      if (last && lastItem && last.items.every((i) => i.mime === mime)) lastItem.data += msg.text;
      else this.outputs.push({ items: [{ mime, data: msg.text }], metadata: {} });
    } else if (msg.type === 'display') {
      // A display id already shown is a live output's newer snapshot: it replaces the old one in place.
      const existing = msg.displayId ? this.outputs.find((o) => (o.metadata as { nnbook?: { displayId?: string } }).nnbook?.displayId === msg.displayId) : undefined;
      if (existing) { existing.items = msg.items.map((i) => ({ ...i })); return; }
      this.outputs.push({ items: msg.items.map((i) => ({ ...i })), metadata: msg.displayId ? { nnbook: { displayId: msg.displayId } } : {} });
    }
  }

  finish(result: CellResult): OutputModel[] {
    const stamp = resultStamp(result);
    if (!stamp) return this.outputs;
    const items = resultItems(result);
    if (items) {
      this.outputs.push({ items: items.map((i) => ({ ...i })), metadata: { nnbook: stamp } });
    } else if (this.outputs.length > 0) {
      const last = this.outputs[this.outputs.length - 1];
      // Merged, not replaced: a live output's displayId stays beside the stamp.
      last.metadata = { ...last.metadata, nnbook: { ...(last.metadata.nnbook as object | undefined), ...stamp } };
    }
    return this.outputs;
  }
}
