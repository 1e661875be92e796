/**
 * The one error type of the `.nnbook` format layer. Its message always starts with
 * `nnbook:` and says where the problem is, so it can be shown to a user as is.
 *
 * @example
 * try { parseNotebook('{"nnbook": 1, "cells": 3}'); }
 * catch (e) {
 *   if (e instanceof NnbookFormatError) console.log(e.path, e.message);
 *   // "cells"  "nnbook: invalid notebook at cells: expected an array, got number"
 * }
 */
export class NnbookFormatError extends Error {
  override readonly name = 'NnbookFormatError';
  /** JSON path of a shape error, e.g. `cells[3].source` (`''` for the top level). */
  readonly path?: string;
  /** 1-based line of a JSON syntax error or of an invalid UTF-8 byte. */
  readonly line?: number;
  /** 1-based column, in Unicode characters (code points), of a JSON syntax error. */
  readonly column?: number;
  /** The message without the `nnbook: … at <where>:` prefix, e.g. `unexpected '}'`. */
  readonly reason?: string;

  constructor(message: string, where: { path?: string; line?: number; column?: number; reason?: string } = {}) {
    super(message);
    if (where.reason !== undefined) this.reason = where.reason;
    if (where.path !== undefined) this.path = where.path;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** `nnbook: not valid JSON at line 4, column 12: unexpected '}'` */
export function jsonSyntaxError(line: number, column: number, reason: string): NnbookFormatError {
  return new NnbookFormatError(`nnbook: not valid JSON at line ${line}, column ${column}: ${reason}`, { line, column, reason });
}

/** `nnbook: invalid notebook at cells[3].source: expected …, got number` */
export function shapeError(path: string, reason: string): NnbookFormatError {
  const where = path === '' ? '' : ` at ${path}`;
  return new NnbookFormatError(`nnbook: invalid notebook${where}: ${reason}`, { path, reason });
}

/** Raised by `serializeNotebook` for a model that could not be read back. */
export function writeError(path: string, reason: string): NnbookFormatError {
  const where = path === '' ? '' : ` at ${path}`;
  return new NnbookFormatError(`nnbook: cannot write notebook${where}: ${reason}`, { path, reason });
}
