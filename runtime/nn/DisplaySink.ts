import type { OutputItem } from '../../src/kernel/protocol';

/**
 * Where `nn` sends what it draws: `display` shows (or, with a display id already
 * shown, replaces) an output; `update` sends a live delta that is not persisted. A
 * kernel without `update` gets snapshots only.
 */
export interface DisplaySink {
  display(items: OutputItem[], displayId?: string): void;
  update?(displayId: string, delta: unknown): void;
}

/** A live output that should be finished when its cell ends. */
export interface OpenOutput {
  finish(): void;
}

/** Keeps the live outputs still open, so the runtime can finish them at the end of a cell. */
export class OpenOutputs {
  private readonly open = new Set<OpenOutput>();
  add(o: OpenOutput): void { this.open.add(o); }
  delete(o: OpenOutput): void { this.open.delete(o); }
  /** Finishes every open output (each sends its final picture). */
  finishAll(): void {
    for (const o of [...this.open]) {
      this.open.delete(o);
      try { o.finish(); } catch { /* a broken output must not break the cell */ }
    }
  }
}
