import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

/** How an error reaches the notebook: the frames point at cells, not at generated code. */
export interface MappedError {
  name: string;
  message: string;
  stack: string;
}

interface CellEntry { label: string; map: string; trace?: TraceMap }

/**
 * Remembers the source map of every cell this kernel evaluated (a function from cell 1
 * can throw while cell 3 runs) and rewrites V8 stack frames
 * `at f (nnbook-cell:ID:LINE:COL)` into `at f (cell 1:LINE:COL)` on the cell's own
 * TypeScript. Frames inside tfjs or the runtime are folded into one line.
 */
export class CellSourceMaps {
  private readonly cells = new Map<string, CellEntry>();

  constructor(private readonly capacity = 1000) {}

  /** The `sourceURL` to evaluate a cell under. */
  register(executionId: string, label: string, map: string): string {
    const url = `nnbook-cell:${executionId}`;
    this.cells.set(url, { label, map });
    if (this.cells.size > this.capacity) this.cells.delete(this.cells.keys().next().value as string);
    return url;
  }

  mapError(err: unknown): MappedError {
    if (!(err instanceof Error)) {
      return { name: 'Error', message: `Uncaught ${describe(err)}`, stack: '' };
    }
    const name = err.name || 'Error';
    const message = err.message ?? '';
    const lines = (err.stack ?? '').split('\n');
    const frames: string[] = [];
    let folded = 0;
    const flushFolded = () => {
      if (folded > 0) frames.push(`    … ${folded} frame${folded > 1 ? 's' : ''} inside TensorFlow.js / the nnbook runtime`);
      folded = 0;
    };
    let sawCell = false;
    for (const line of lines.slice(1)) {
      if (!/^\s*at /.test(line)) continue;
      const mapped = this.mapFrame(line);
      if (mapped) { flushFolded(); frames.push(mapped); sawCell = true; }
      else folded++;
    }
    // Frames below the last cell frame are the runtime calling the cell: noise to a learner.
    if (!sawCell) flushFolded();
    return { name, message, stack: [`${name}: ${message}`, ...frames].join('\n') };
  }

  /** Maps one frame line, or returns undefined when it is not a cell frame. */
  private mapFrame(line: string): string | undefined {
    const m = /^(\s*at )(?:(.*?) \()?(nnbook-cell:[^:]+):(\d+):(\d+)\)?$/.exec(line);
    if (!m) return undefined;
    const entry = this.cells.get(m[3]);
    if (!entry) return undefined;
    entry.trace ??= new TraceMap(entry.map);
    const pos = originalPositionFor(entry.trace, { line: Number(m[4]), column: Number(m[5]) - 1 });
    const where = pos.line != null ? `${entry.label}:${pos.line}:${(pos.column ?? 0) + 1}` : entry.label;
    const fn = m[2] && !/^(eval|async eval|Object\.<anonymous>|anonymous)$/.test(m[2]) ? m[2].replace(/^async /, '').replace(/^Proxy\./, '') : undefined; // `Proxy.`: called as $scope.f()
    return fn ? `${m[1]}${fn} (${where})` : `${m[1]}${where}`;
  }
}

function describe(v: unknown): string {
  try { return typeof v === 'string' ? JSON.stringify(v) : String(v); } catch { return typeof v; }
}
