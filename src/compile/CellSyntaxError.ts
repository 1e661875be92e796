/**
 * The one error type the cell compiler throws for bad input: a syntax error (TypeScript
 * or JavaScript) or a construct cells cannot support, located in the cell's own source.
 *
 * Positions are **1-based for both line and column** (what a person reads; subtract 1 for
 * a VS Code `Position`). The message repeats them: `"cell 3 (2:14): Unexpected token"`.
 *
 * @example
 * try { compileCell('let x = (1,', { filename: 'cell 3', known: new Set() }); }
 * catch (e) { if (e instanceof CellSyntaxError) console.log(e.line, e.column, e.reason); }
 */
export class CellSyntaxError extends Error {
  override name = 'CellSyntaxError';

  constructor(
    /** The cell's label as passed to `compileCell` (`options.filename`). */
    readonly filename: string,
    /** 1-based line in the cell source. */
    readonly line: number,
    /** 1-based column in the cell source. */
    readonly column: number,
    /** The parser's message without any position, e.g. `Unexpected token`. */
    readonly reason: string,
  ) {
    super(`${filename} (${line}:${column}): ${reason}`);
  }
}

/**
 * A problem found while compiling the type-stripped JavaScript, located by an offset into
 * that JavaScript. `compileCell` maps it back to the cell source and rethrows it as a
 * `CellSyntaxError`; it never escapes the compiler.
 */
export class GeneratedCodeError extends Error {
  constructor(
    /** Offset into the type-stripped JavaScript. */
    readonly pos: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Parsers append ` (line:col)` to their messages; we report our own position instead. */
export function withoutPositionSuffix(message: string): string {
  const open = message.lastIndexOf(' (');
  return open > 0 && message.endsWith(')') ? message.slice(0, open) : message;
}
