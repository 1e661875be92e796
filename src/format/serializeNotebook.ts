import { NotebookModel } from './model';
import { NnbookFormatError, writeError } from './NnbookFormatError';
import { notebookToJson } from './notebookToJson';

/**
 * Writes a notebook as `.nnbook` text: 2-space indent, known keys in a fixed order then
 * unknown fields, source as lines, trailing newline. Same model, same bytes.
 * Throws `NnbookFormatError` ("nnbook: cannot write notebook at …") for a model that
 * could not be read back, and never returns text that `parseNotebook` would refuse.
 *
 * @example
 * serializeNotebook({ metadata: {}, cells: [] })
 * // '{\n  "nnbook": 1,\n  "metadata": {},\n  "cells": []\n}\n'
 */
export function serializeNotebook(nb: NotebookModel): string {
  const doc = notebookToJson(nb);
  try {
    return JSON.stringify(doc, null, 2) + '\n';
  } catch (e) {
    if (e instanceof NnbookFormatError) throw e;
    // A cycle or a BigInt somewhere in metadata or unknown fields.
    throw writeError('', `the notebook holds a value that is not JSON (${(e as Error).message})`);
  }
}
