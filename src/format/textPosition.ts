/**
 * Line and column of an offset in a text, for error messages. Only run when an error
 * is reported, so it favours clarity over speed.
 *
 * Lines break at `\n`, `\r\n` or a lone `\r`. Columns count Unicode characters (a
 * surrogate pair is one column), as editors show them. Both are 1-based.
 *
 * @example
 * positionAt('{\n  "a": x', 9) // { line: 2, column: 8 }
 */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  let column = 1;
  for (let i = lineStart; i < end; i++) {
    const c = text.charCodeAt(i);
    const isPairStart = c >= 0xd800 && c <= 0xdbff;
    const next = text.charCodeAt(i + 1);
    if (isPairStart && i + 1 < end && next >= 0xdc00 && next <= 0xdfff) i++;
    column++;
  }
  return { line, column };
}
