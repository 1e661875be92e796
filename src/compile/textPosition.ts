/** 1-based line, 0-based column: the convention of source maps' `originalPositionFor`. */
export interface LineColumn {
  line: number;
  column: number;
}

/**
 * Converts an offset in `text` to a line and a 0-based column (counting UTF-16 units,
 * as JS strings, V8 and source maps all do).
 *
 * @example
 * positionAt('ab\ncd', 4) // => { line: 2, column: 1 }
 */
export function positionAt(text: string, offset: number): LineColumn {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart };
}

/**
 * The line breaks inside `text[start, end)`, so that replaced code can keep the line
 * structure (and thus readable stack traces) of what it replaces.
 */
export function lineBreaksIn(text: string, start: number, end: number): string {
  let breaks = '';
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) breaks += '\n';
  return breaks;
}
