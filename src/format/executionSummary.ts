import { isJsonObject } from './describeValue';

/** Structurally `vscode.NotebookCellExecutionSummary`. */
export interface ExecutionSummaryLike {
  executionOrder?: number;
  success?: boolean;
  timing?: { startTime: number; endTime: number };
}

/** Where a cell's execution summary is kept in its metadata in the file. */
export const EXECUTION_METADATA_KEY = 'execution';

/**
 * The summary held in a cell's `metadata.execution`, or `undefined` when that value is
 * not exactly a summary (it is then someone's own data, left alone).
 *
 * @example
 * readExecutionSummary({ executionOrder: 3, success: true }) // { executionOrder: 3, success: true }
 * readExecutionSummary({ note: 'x' })                       // undefined
 */
export function readExecutionSummary(value: unknown): ExecutionSummaryLike | undefined {
  if (!isJsonObject(value)) return undefined;
  const allowed = ['executionOrder', 'success', 'timing'];
  if (Object.keys(value).some((key) => !allowed.includes(key))) return undefined;
  const { executionOrder, success, timing } = value;
  if (executionOrder !== undefined && typeof executionOrder !== 'number') return undefined;
  if (success !== undefined && typeof success !== 'boolean') return undefined;
  if (timing !== undefined && !isTiming(timing)) return undefined;
  return summaryToJson(value as ExecutionSummaryLike);
}

/**
 * The summary as written to the file, in a fixed key order; `undefined` when it says nothing.
 *
 * @example
 * summaryToJson({ success: false, executionOrder: 1 }) // { executionOrder: 1, success: false }
 */
export function summaryToJson(summary: ExecutionSummaryLike | undefined): ExecutionSummaryLike | undefined {
  if (!summary) return undefined;
  const json: ExecutionSummaryLike = {};
  if (summary.executionOrder !== undefined) json.executionOrder = summary.executionOrder;
  if (summary.success !== undefined) json.success = summary.success;
  if (summary.timing !== undefined) json.timing = { startTime: summary.timing.startTime, endTime: summary.timing.endTime };
  return Object.keys(json).length > 0 ? json : undefined;
}

function isTiming(value: unknown): value is { startTime: number; endTime: number } {
  return (
    isJsonObject(value) &&
    Object.keys(value).length === 2 &&
    typeof value.startTime === 'number' &&
    typeof value.endTime === 'number'
  );
}
