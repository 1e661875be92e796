import { decodeUtf8 } from './decodeUtf8';
import { JsonSyntaxError } from './jsonSyntaxError';
import { NotebookModel } from './model';
import { jsonSyntaxError } from './NnbookFormatError';
import { notebookFromJson } from './notebookFromJson';
import { parseJsonStrict } from './parseJsonStrict';
import { positionAt } from './textPosition';

/** JSON whitespace, plus a byte order mark: a file of only these is a new, empty notebook. */
const BLANK = /^[\uFEFF \t\r\n]*$/;

/**
 * Reads a `.nnbook` file (bytes, or text already decoded). An empty or blank file is a new
 * empty notebook. Anything malformed throws an `NnbookFormatError` that says where.
 *
 * @example
 * parseNotebook('')  // { metadata: {}, cells: [] }
 * parseNotebook('{"nnbook": 1, "cells": [{"kind": "code", "source": "1 + 1"}]}').cells[0].language // 'typescript'
 * parseNotebook('{"nnbook": 1,}') // throws "nnbook: not valid JSON at line 1, column 14: unexpected '}'"
 */
export function parseNotebook(bytes: Uint8Array | string): NotebookModel {
  let text = typeof bytes === 'string' ? bytes : decodeUtf8(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (BLANK.test(text)) return emptyNotebook();
  let doc: unknown;
  try {
    doc = parseJsonStrict(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const { line, column } = positionAt(text, e.offset);
    throw jsonSyntaxError(line, column, e.reason);
  }
  return notebookFromJson(doc);
}

/**
 * A new notebook with no cells.
 *
 * @example
 * emptyNotebook() // { metadata: {}, cells: [] }
 */
export function emptyNotebook(): NotebookModel {
  return { metadata: {}, cells: [] };
}
