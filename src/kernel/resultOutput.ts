import type { CellResult } from './KernelSession';
import type { OutputItem } from './protocol';
import { MIME } from './protocol';

/** How a finished cell's last output is stamped (`metadata.nnbook`), in the editor and in `nnbook run`. */
export interface RunStamp {
  ms: number;
  tensorsDelta?: number;
  numTensors?: number;
}

const INTERRUPTED = {
  cooperative: 'The cell stopped at its next checkpoint (an await, or the end of a training batch). Variables are kept.',
  forced: 'The cell did not reach a checkpoint in time (a loop without await?), so the kernel was restarted. All variables were lost: run the cells you need again.',
} as const;

/**
 * What a finished cell adds below its streamed output: its value, its error, or what its
 * interrupt did — the same in VS Code and in `nnbook run`. Undefined when it adds nothing.
 *
 * @example
 * resultItems({ status: 'error', ms: 3, name: 'Error', message: 'bad', stack: '…' })
 * // → [{ mime: 'application/vnd.code.notebook.error', data: '{"name":"Error",…}' }]
 */
export function resultItems(result: CellResult): OutputItem[] | undefined {
  switch (result.status) {
    case 'ok':
      return result.value && result.value.length > 0 ? result.value : undefined;
    case 'error':
      return [errorItem(result.name, result.message, result.stack)];
    case 'interrupted':
      return [errorItem(`Interrupted (${result.how})`, INTERRUPTED[result.how], '')];
    case 'cancelled':
      return undefined;
  }
}

/** The stamp for a finished cell's last output; undefined for a cell that never ran. */
export function resultStamp(result: CellResult): RunStamp | undefined {
  if (result.status === 'cancelled') return undefined;
  return {
    ms: Math.round(result.ms * 10) / 10,
    ...(result.status === 'ok' ? { tensorsDelta: result.tensorsDelta, numTensors: result.numTensors } : {}),
    ...(result.status === 'error' && result.tensorsDelta !== undefined ? { tensorsDelta: result.tensorsDelta } : {}),
  };
}

function errorItem(name: string, message: string, stack: string): OutputItem {
  return { mime: MIME.error, data: JSON.stringify({ name, message, stack }) };
}
