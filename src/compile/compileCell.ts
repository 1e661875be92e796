import { generatedPositionFor, GREATEST_LOWER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { analyzeCell } from './analyzeCell';
import { CellSyntaxError, GeneratedCodeError } from './CellSyntaxError';
import { composeSourceMap } from './composeSourceMap';
import { parseCellJs } from './parseCellJs';
import { rewriteCell } from './rewriteCell';
import { stripTypesWithSucrase } from './stripTypesWithSucrase';
import { positionAt } from './textPosition';
import type { StrippedCell, TypeStripper } from './typeStripper';

/** A compiled cell, ready for the kernel. */
export interface CompiledCell {
  /**
   * A JavaScript *expression*: `(async function ($scope, $rt) { "use strict"; … })`.
   * Evaluate it (indirect eval, with a `//# sourceURL=` line) and call it with the
   * kernel's scope object and runtime; it resolves to the value of the cell's final
   * expression statement, or `undefined`.
   */
  js: string;
  /** Source map v3 (JSON) from `js` to the cell source; `sources` is `[options.filename]`. */
  map: string;
  /** Top-level names the cell declares, in order of first appearance. */
  declared: string[];
}

export interface CompileCellOptions {
  /** The cell's label: the source map's only source, and the prefix of error messages. */
  filename: string;
  /** Names already in the kernel's `$scope` (declared by earlier cells). */
  known: ReadonlySet<string>;
}

/**
 * Compiles one notebook cell (TypeScript) into a function over the kernel's scope object.
 * Throws `CellSyntaxError` (1-based line and column in the cell) for invalid cells.
 *
 * @example
 * const cell = compileCell('const a: number = 1\nlet b = a + known', { filename: 'cell 1', known: new Set(['known']) });
 * cell.declared // => ['a', 'b']
 * const run = (0, eval)(cell.js + '\n//# sourceURL=cell1.js');
 * await run(scope, rt); // scope.a === 1, scope.b === 1 + scope.known
 */
export function compileCell(source: string, options: CompileCellOptions): CompiledCell {
  return compileCellWith(stripTypesWithSucrase, source, options);
}

/** `compileCell` with a chosen first stage (the benchmark compares strippers). */
export function compileCellWith(stripTypes: TypeStripper, source: string, options: CompileCellOptions): CompiledCell {
  const stripped = stripTypes(source, options.filename);
  try {
    const program = parseCellJs(stripped.code);
    const analysis = analyzeCell(program, options.known);
    const rewritten = rewriteCell(stripped.code, analysis);
    return {
      js: rewritten.toString(),
      map: composeSourceMap(rewritten, stripped.map, options.filename, source),
      declared: analysis.declared,
    };
  } catch (error) {
    if (error instanceof GeneratedCodeError) throw locateInCell(error, stripped, source, options.filename);
    throw error;
  }
}

/** Maps an error found in the type-stripped JS back to the cell source through the stripper's map. */
function locateInCell(error: GeneratedCodeError, stripped: StrippedCell, source: string, filename: string): CellSyntaxError {
  const at = positionAt(stripped.code, error.pos);
  const map = new TraceMap(stripped.map);
  const original = originalPositionFor(map, { line: at.line, column: at.column, bias: GREATEST_LOWER_BOUND });
  if (original.line === null || original.source === null) {
    // No mapping before it on that line: the stripper keeps line numbers, so trust the line.
    return new CellSyntaxError(filename, at.line, at.column + 1, error.reason);
  }
  // Maps hold token starts; keep the error's distance from the mapped token.
  const mapped = generatedPositionFor(map, { source: original.source, line: original.line, column: original.column });
  const delta = mapped.line === at.line && mapped.column !== null ? at.column - mapped.column : 0;
  const column = Math.min(original.column + Math.max(delta, 0), lineLength(source, original.line));
  return new CellSyntaxError(filename, original.line, column + 1, error.reason);
}

function lineLength(text: string, line: number): number {
  return text.split('\n')[line - 1]?.length ?? 0;
}
