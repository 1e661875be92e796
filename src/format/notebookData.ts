import { EXECUTION_METADATA_KEY, ExecutionSummaryLike, readExecutionSummary, summaryToJson } from './executionSummary';
import { KeptFields, KeptItem, takeKeptFields, withKeptFields } from './keptFields';
import { CellModel, NotebookModel, OutputItemModel, OutputModel } from './model';
import { defaultsToBase64, itemBytes, itemFromBytes } from './outputItemBytes';
import { setOwn } from './setOwn';

export type { ExecutionSummaryLike } from './executionSummary';

/** `vscode.NotebookCellKind.Markup`: the enum's value, so this module needs no `vscode`. */
export const CELL_KIND_MARKUP = 1;
/** `vscode.NotebookCellKind.Code`. */
export const CELL_KIND_CODE = 2;

/** Structurally `vscode.NotebookCellOutputItem`. */
export interface OutputItemDataLike {
  mime: string;
  data: Uint8Array;
}

/** Structurally `vscode.NotebookCellOutput`. */
export interface OutputDataLike {
  items: OutputItemDataLike[];
  metadata?: Record<string, unknown>;
}

/** Structurally `vscode.NotebookCellData`. */
export interface CellDataLike {
  kind: number;
  value: string;
  languageId: string;
  outputs?: OutputDataLike[];
  metadata?: Record<string, unknown>;
  executionSummary?: ExecutionSummaryLike;
}

/** Structurally `vscode.NotebookData`, so a real one can be passed to `fromNotebookData`. */
export interface NotebookDataLike {
  cells: CellDataLike[];
  metadata?: Record<string, unknown>;
}

/**
 * The model as editor data. What the editor has no field for (unknown fields, item
 * encodings that differ from the default) rides in `metadata["nnbook.kept"]` (see `keptFields.ts`);
 * a cell's `metadata.execution`, when it is a summary, also becomes its `executionSummary`.
 *
 * @example
 * toNotebookData(parseNotebook('{"nnbook":1,"cells":[{"kind":"code","source":"1"}]}')).cells[0]
 * // { kind: 2, value: '1', languageId: 'typescript', outputs: [], metadata: {} }
 */
export function toNotebookData(nb: NotebookModel): NotebookDataLike {
  return {
    metadata: withKeptFields(nb.metadata, { unknownFields: nb.extra }),
    cells: nb.cells.map(cellToData),
  };
}

/**
 * Editor data back to the model: the inverse of `toNotebookData`, so a notebook opened and
 * saved unchanged is written byte for byte as it was (in canonical form).
 *
 * @example
 * fromNotebookData({ cells: [{ kind: CELL_KIND_MARKUP, value: '# Hi', languageId: 'markdown' }] }).cells[0]
 * // { kind: 'markdown', language: 'markdown', source: '# Hi', outputs: [], metadata: {} }
 */
export function fromNotebookData(data: NotebookDataLike): NotebookModel {
  const [metadata, kept] = takeKeptFields(data.metadata);
  return withExtra<NotebookModel>({ metadata, cells: data.cells.map(cellFromData) }, kept);
}

function cellToData(cell: CellModel): CellDataLike {
  const data: CellDataLike = {
    kind: cell.kind === 'markdown' ? CELL_KIND_MARKUP : CELL_KIND_CODE,
    value: cell.source,
    languageId: cell.language,
    outputs: cell.outputs.map(outputToData),
    metadata: withKeptFields(cell.metadata, { unknownFields: cell.extra }),
  };
  const summary = readExecutionSummary(cell.metadata[EXECUTION_METADATA_KEY]);
  if (summary) data.executionSummary = summary;
  return data;
}

function cellFromData(data: CellDataLike): CellModel {
  const [metadata, kept] = takeKeptFields(data.metadata);
  applyExecutionSummary(metadata, data.executionSummary);
  const cell: CellModel = {
    kind: data.kind === CELL_KIND_MARKUP ? 'markdown' : 'code',
    language: data.languageId,
    source: data.value,
    outputs: (data.outputs ?? []).map(outputFromData),
    metadata,
  };
  return withExtra(cell, kept);
}

/**
 * The editor's summary is the truth: written in place of `metadata.execution` (keeping
 * its position), or, when the editor has none, a stale summary there is dropped.
 */
function applyExecutionSummary(metadata: Record<string, unknown>, summary: ExecutionSummaryLike | undefined): void {
  const json = summaryToJson(summary);
  if (json) metadata[EXECUTION_METADATA_KEY] = json;
  else if (readExecutionSummary(metadata[EXECUTION_METADATA_KEY])) delete metadata[EXECUTION_METADATA_KEY];
}

function outputToData(output: OutputModel): OutputDataLike {
  const items = output.items.map((item) => ({ mime: item.mime, data: itemBytes(item) }));
  const keptItems = output.items.map((item): KeptItem => {
    const kept: KeptItem = { mime: item.mime };
    if (item.encoding === 'base64') kept.encoding = 'base64';
    if (item.extra) kept.unknownFields = item.extra;
    return kept;
  });
  const needed = output.items.some((item, i) => item.extra || (item.encoding === 'base64') !== defaultsToBase64(item.mime, items[i].data));
  return { items, metadata: withKeptFields(output.metadata, { unknownFields: output.extra, items: needed ? keptItems : undefined }) };
}

function outputFromData(data: OutputDataLike): OutputModel {
  const [metadata, kept] = takeKeptFields(data.metadata);
  const items = data.items.map((item, i): OutputItemModel => {
    const keptItem = kept.items?.[i];
    const matches = keptItem !== undefined && keptItem.mime === item.mime;
    const model: OutputItemModel = { mime: item.mime, ...itemFromBytes(item.mime, item.data, matches ? keptItem.encoding === 'base64' : undefined) };
    if (matches && keptItem.unknownFields) model.extra = keptItem.unknownFields;
    return model;
  });
  return withExtra<OutputModel>({ items, metadata }, kept);
}

function withExtra<T extends { extra?: Record<string, unknown> }>(model: T, kept: KeptFields): T {
  if (kept.unknownFields && Object.keys(kept.unknownFields).length > 0) {
    const extra: Record<string, unknown> = {};
    for (const key of Object.keys(kept.unknownFields)) setOwn(extra, key, kept.unknownFields[key]);
    model.extra = extra;
  }
  return model;
}
