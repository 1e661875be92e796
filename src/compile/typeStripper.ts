import type { EncodedSourceMap } from '@jridgewell/trace-mapping';

/** JavaScript with the TypeScript syntax removed, and a map back to the TypeScript. */
export interface StrippedCell {
  code: string;
  /** Source map v3 from `code` to the cell source. */
  map: EncodedSourceMap;
}

/**
 * The first stage of compiling a cell: TypeScript → plain modern JavaScript (ES2022+,
 * `import`/`export` kept, enums lowered to the usual `var E; (function (E) {…})(E || (E = {}))`).
 * Throws `CellSyntaxError` (positions in the cell source) on bad input.
 *
 * Pluggable so the benchmark can compare implementations; the product uses
 * `stripTypesWithSucrase`.
 */
export type TypeStripper = (source: string, filename: string) => StrippedCell;
