import { isBase64 } from './base64Text';
import { isJsonObject, jsonTypeName, showValue } from './describeValue';
import { fileValueToJsonText } from './jsonItemData';
import { isJsonMime } from './mimeKinds';
import { CellKind, CellModel, CODE_LANGUAGES, FORMAT_VERSION, MARKDOWN_LANGUAGE, NotebookModel, OutputItemModel, OutputModel } from './model';
import { NnbookFormatError, shapeError } from './NnbookFormatError';
import { joinSourceLines } from './sourceLines';
import { collectExtra } from './extraFields';
import { CELL_KEYS, ITEM_KEYS, NOTEBOOK_KEYS, OUTPUT_KEYS } from './knownKeys';

/** `type/subtype`, optionally `; parameters`: loosely what an editor accepts as a mime. */
const MIME_SHAPE = /^[^\s/;]+\/[^\s;]+(?:\s*;.*)?$/;

/**
 * Checks the shape of a parsed `.nnbook` document and builds the model. Every problem
 * is an `NnbookFormatError` with the JSON path of the offending value.
 *
 * @example
 * notebookFromJson({ nnbook: 1, cells: [{ kind: 'markdown', source: ['# Hi'] }] })
 * // { metadata: {}, cells: [{ kind: 'markdown', language: 'markdown', source: '# Hi', outputs: [], metadata: {} }] }
 */
export function notebookFromJson(doc: unknown): NotebookModel {
  if (!isJsonObject(doc)) throw shapeError('', `expected a JSON object at the top level, got ${jsonTypeName(doc)}`);
  readVersion(doc);
  const cellsValue = required(doc, 'cells', '');
  if (!Array.isArray(cellsValue)) throw shapeError('cells', `expected an array, got ${jsonTypeName(cellsValue)}`);
  const notebook: NotebookModel = {
    metadata: readMetadata(doc, ''),
    cells: cellsValue.map((cell, i) => readCell(cell, `cells[${i}]`)),
  };
  return withExtra(notebook, collectExtra(doc, NOTEBOOK_KEYS));
}

function readVersion(doc: Record<string, unknown>): void {
  if (!Object.prototype.hasOwnProperty.call(doc, 'nnbook')) {
    throw shapeError('', 'missing "nnbook" (the format version); is this an nnbook file?');
  }
  const version = doc.nnbook;
  if (version === FORMAT_VERSION) return;
  if (typeof version === 'number' && Number.isInteger(version) && version > FORMAT_VERSION) {
    throw new NnbookFormatError(
      `nnbook: this file was written by a newer nnbook (format version ${version}); ` +
        `this nnbook reads format version ${FORMAT_VERSION}. Update the extension to open it.`,
      { path: 'nnbook' },
    );
  }
  throw shapeError('nnbook', `expected the format version ${FORMAT_VERSION}, got ${showValue(version)}`);
}

function readCell(value: unknown, path: string): CellModel {
  if (!isJsonObject(value)) throw shapeError(path, `expected an object, got ${jsonTypeName(value)}`);
  const kind = required(value, 'kind', path);
  if (kind !== 'code' && kind !== 'markdown') throw shapeError(`${path}.kind`, `expected "code" or "markdown", got ${showValue(kind)}`);
  const cell: CellModel = {
    kind,
    language: readLanguage(value, kind, path),
    source: readSource(required(value, 'source', path), `${path}.source`),
    outputs: readOutputs(value, path),
    metadata: readMetadata(value, path),
  };
  return withExtra(cell, collectExtra(value, CELL_KEYS));
}

function readLanguage(cell: Record<string, unknown>, kind: CellKind, path: string): string {
  if (!Object.prototype.hasOwnProperty.call(cell, 'language')) return kind === 'code' ? CODE_LANGUAGES[0] : MARKDOWN_LANGUAGE;
  const language = cell.language;
  if (typeof language !== 'string') throw shapeError(`${path}.language`, `expected a string, got ${jsonTypeName(language)}`);
  if (kind === 'code' && !CODE_LANGUAGES.includes(language)) {
    throw shapeError(`${path}.language`, `expected "typescript" or "javascript" for a code cell, got ${showValue(language)}`);
  }
  if (kind === 'markdown' && language !== MARKDOWN_LANGUAGE) {
    throw shapeError(`${path}.language`, `expected "markdown" for a markdown cell, got ${showValue(language)}`);
  }
  return language;
}

function readSource(source: unknown, path: string): string {
  if (typeof source === 'string') return source;
  if (!Array.isArray(source)) throw shapeError(path, `expected a string or an array of strings, got ${jsonTypeName(source)}`);
  source.forEach((line, i) => {
    if (typeof line !== 'string') throw shapeError(`${path}[${i}]`, `expected a string, got ${jsonTypeName(line)}`);
  });
  return joinSourceLines(source as string[]);
}

function readOutputs(cell: Record<string, unknown>, path: string): OutputModel[] {
  if (!Object.prototype.hasOwnProperty.call(cell, 'outputs')) return [];
  const outputs = cell.outputs;
  if (!Array.isArray(outputs)) throw shapeError(`${path}.outputs`, `expected an array, got ${jsonTypeName(outputs)}`);
  return outputs.map((output, i) => readOutput(output, `${path}.outputs[${i}]`));
}

function readOutput(value: unknown, path: string): OutputModel {
  if (!isJsonObject(value)) throw shapeError(path, `expected an object, got ${jsonTypeName(value)}`);
  const items = required(value, 'items', path);
  if (!Array.isArray(items)) throw shapeError(`${path}.items`, `expected an array, got ${jsonTypeName(items)}`);
  const output: OutputModel = {
    items: items.map((item, i) => readItem(item, `${path}.items[${i}]`)),
    metadata: readMetadata(value, path),
  };
  return withExtra(output, collectExtra(value, OUTPUT_KEYS));
}

function readItem(value: unknown, path: string): OutputItemModel {
  if (!isJsonObject(value)) throw shapeError(path, `expected an object, got ${jsonTypeName(value)}`);
  const mime = required(value, 'mime', path);
  if (typeof mime !== 'string') throw shapeError(`${path}.mime`, `expected a string, got ${jsonTypeName(mime)}`);
  if (!MIME_SHAPE.test(mime)) throw shapeError(`${path}.mime`, `expected a mime type such as "text/plain", got ${showValue(mime)}`);
  const base64 = readEncoding(value, path);
  const data = required(value, 'data', path);
  const item: OutputItemModel = { mime, data: '' };
  if (base64) {
    if (typeof data !== 'string') throw shapeError(`${path}.data`, `expected base64 text, got ${jsonTypeName(data)}`);
    if (!isBase64(data)) throw shapeError(`${path}.data`, 'expected base64 text (standard alphabet, padded, no line breaks)');
    item.data = data;
    item.encoding = 'base64';
  } else if (isJsonMime(mime)) {
    item.data = fileValueToJsonText(data);
  } else {
    if (typeof data !== 'string') {
      throw shapeError(`${path}.data`, `expected a string (only JSON mimes may hold a JSON value), got ${jsonTypeName(data)}`);
    }
    item.data = data;
  }
  return withExtra(item, collectExtra(value, ITEM_KEYS));
}

function readEncoding(item: Record<string, unknown>, path: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(item, 'encoding')) return false;
  if (item.encoding !== 'base64') throw shapeError(`${path}.encoding`, `expected "base64", got ${showValue(item.encoding)}`);
  return true;
}

function readMetadata(owner: Record<string, unknown>, path: string): Record<string, unknown> {
  if (!Object.prototype.hasOwnProperty.call(owner, 'metadata')) return {};
  const metadata = owner.metadata;
  const at = path === '' ? 'metadata' : `${path}.metadata`;
  if (!isJsonObject(metadata)) throw shapeError(at, `expected an object, got ${jsonTypeName(metadata)}`);
  return metadata;
}

function required(owner: Record<string, unknown>, key: string, path: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(owner, key)) throw shapeError(path, `missing "${key}"`);
  return owner[key];
}

function withExtra<T extends { extra?: Record<string, unknown> }>(model: T, extra: Record<string, unknown> | undefined): T {
  if (extra) model.extra = extra;
  return model;
}
