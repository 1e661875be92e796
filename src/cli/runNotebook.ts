import type { NotebookModel } from '../format';
import type { CellResult, KernelSession } from '../kernel/KernelSession';
import { CellOutputCollector } from './CellOutputCollector';

export interface CellReport {
  /** 0-based index among all cells. */
  index: number;
  result: CellResult;
}

export interface RunOptions {
  /** Per-cell limit; a cell over it is interrupted and reported as an error. */
  timeoutMs?: number;
  onCellStart?: (index: number) => void;
  onCellEnd?: (report: CellReport) => void;
  onStream?: (index: number, name: 'stdout' | 'stderr', text: string) => void;
}

/**
 * Runs a notebook's code cells in order through a kernel session, replacing each run
 * cell's outputs in `nb` (in place). Stops at the first cell that fails; the cells after
 * it keep the outputs they had.
 *
 * @example
 * const reports = await runNotebook(parseNotebook(bytes), new KernelSession(new NodeKernel()));
 */
export async function runNotebook(nb: NotebookModel, session: KernelSession, options: RunOptions = {}): Promise<CellReport[]> {
  const reports: CellReport[] = [];
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.kind !== 'code') continue;
    options.onCellStart?.(index);
    const collector = new CellOutputCollector();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    if (options.timeoutMs) timer = setTimeout(() => { timedOut = true; session.interrupt(); }, options.timeoutMs);
    let result = await session.run({
      source: cell.source,
      label: `cell ${index + 1}`,
      onOutput: (msg) => {
        collector.write(msg);
        if (msg.type === 'stream') options.onStream?.(index, msg.name, msg.text);
      },
    });
    if (timer) clearTimeout(timer);
    if (timedOut && result.status === 'interrupted') {
      result = { status: 'error', ms: result.ms, name: 'TimeoutError', message: `the cell ran longer than ${options.timeoutMs! / 1000} s and was interrupted (${result.how})`, stack: '' };
    }
    cell.outputs = collector.finish(result);
    const report = { index, result };
    reports.push(report);
    options.onCellEnd?.(report);
    if (result.status !== 'ok') break;
  }
  return reports;
}
