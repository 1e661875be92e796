import { isJsonObject, jsonTypeName } from './describeValue';
import { appendExtra } from './extraFields';
import { jsonTextToFileValue } from './jsonItemData';
import { CELL_KEYS, ITEM_KEYS, NOTEBOOK_KEYS, OUTPUT_KEYS } from './knownKeys';
import { isJsonMime } from './mimeKinds';
import { CellModel, FORMAT_VERSION, NotebookModel, OutputItemModel, OutputModel } from './model';
import { NnbookFormatError, writeError } from './NnbookFormatError';
import { notebookFromJson } from './notebookFromJson';
import { splitSourceLines } from './sourceLines';

/**
 * The model as the plain JSON document to write: known keys first in their fixed order,
 * then unknown fields; source as lines; JSON-mime data as values where lossless; empty
 * cell/output `metadata`, and a markdown cell's empty `outputs`, left out.
 *
 * The document is then checked with the reader, so a model that could not be read back
 * (say a code cell in "python") is refused here rather than written.
 *
 * @example
 * notebookToJson({ metadata: {}, cells: [{ kind: 'markdown', language: 'markdown', source: '# Hi', outputs: [], metadata: {} }] })
 * // { nnbook: 1, metadata: {}, cells: [{ kind: 'markdown', language: 'markdown', source: ['# Hi'] }] }
 */
export function notebookToJson(nb: NotebookModel): Record<string, unknown> {
  if (!Array.isArray(nb.cells)) throw writeError('cells', `expected an array, got ${jsonTypeName(nb.cells)}`);
  const doc = appendExtra(
    { nnbook: FORMAT_VERSION, metadata: nb.metadata ?? {}, cells: nb.cells.map((cell, i) => cellToJson(cell, `cells[${i}]`)) },
    nb.extra,
    NOTEBOOK_KEYS,
  );
  checkReadable(doc);
  return doc;
}

function cellToJson(cell: CellModel, path: string): Record<string, unknown> {
  if (typeof cell.source !== 'string') throw writeError(`${path}.source`, `expected a string, got ${jsonTypeName(cell.source)}`);
  const outputs = cell.outputs ?? [];
  if (!Array.isArray(outputs)) throw writeError(`${path}.outputs`, `expected an array, got ${jsonTypeName(outputs)}`);
  const json: Record<string, unknown> = { kind: cell.kind, language: cell.language, source: splitSourceLines(cell.source) };
  // Like Jupyter: a code cell always shows its (maybe empty) outputs; markdown only when it has some.
  if (outputs.length > 0 || cell.kind === 'code') json.outputs = outputs.map((output, i) => outputToJson(output, `${path}.outputs[${i}]`));
  if (!isEmptyObject(cell.metadata)) json.metadata = cell.metadata;
  return appendExtra(json, cell.extra, CELL_KEYS);
}

function outputToJson(output: OutputModel, path: string): Record<string, unknown> {
  if (!Array.isArray(output.items)) throw writeError(`${path}.items`, `expected an array, got ${jsonTypeName(output.items)}`);
  const json: Record<string, unknown> = { items: output.items.map((item, i) => itemToJson(item, `${path}.items[${i}]`)) };
  if (!isEmptyObject(output.metadata)) json.metadata = output.metadata;
  return appendExtra(json, output.extra, OUTPUT_KEYS);
}

function itemToJson(item: OutputItemModel, path: string): Record<string, unknown> {
  if (typeof item.data !== 'string') throw writeError(`${path}.data`, `expected a string, got ${jsonTypeName(item.data)}`);
  const json: Record<string, unknown> = { mime: item.mime };
  if (item.encoding !== undefined) json.encoding = item.encoding;
  const asValue = item.encoding === undefined && typeof item.mime === 'string' && isJsonMime(item.mime);
  json.data = asValue ? jsonTextToFileValue(item.data) : item.data;
  return appendExtra(json, item.extra, ITEM_KEYS);
}

function isEmptyObject(value: unknown): boolean {
  return value === undefined || (isJsonObject(value) && Object.keys(value).length === 0);
}

/** Runs the reader's shape checks on the document; their messages become "cannot write". */
function checkReadable(doc: Record<string, unknown>): void {
  try {
    notebookFromJson(doc);
  } catch (e) {
    if (!(e instanceof NnbookFormatError) || e.path === undefined || e.reason === undefined) throw e;
    throw writeError(e.path, e.reason);
  }
}
