/**
 * Source text ⇄ the array of lines stored in the file. Each line but the last keeps its
 * `\n` (a `\r` before it stays too, verbatim), so joining the lines gives the text back and
 * a one-line edit is a one-line diff. No empty last line is written: `"a\n"` is `["a\n"]`.
 *
 * @example
 * splitSourceLines('a\nb')  // ['a\n', 'b']
 * splitSourceLines('a\n')   // ['a\n']
 * splitSourceLines('')      // []
 */
export function splitSourceLines(source: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (;;) {
    const newline = source.indexOf('\n', start);
    if (newline === -1) break;
    lines.push(source.slice(start, newline + 1));
    start = newline + 1;
  }
  if (start < source.length) lines.push(source.slice(start));
  return lines;
}

/**
 * The inverse of `splitSourceLines`: the lines concatenated as they are (a hand-written
 * file whose lines lack `\n` is read as written, like Jupyter does).
 *
 * @example
 * joinSourceLines(['a\n', 'b']) // 'a\nb'
 */
export function joinSourceLines(lines: readonly string[]): string {
  return lines.join('');
}
