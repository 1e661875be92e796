import { transform } from 'sucrase';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { CellSyntaxError, withoutPositionSuffix } from './CellSyntaxError';
import { findValueNamespace } from './findValueNamespace';
import { positionAt } from './textPosition';
import type { StrippedCell } from './typeStripper';

/**
 * Removes TypeScript syntax with sucrase (fast; keeps line numbers; enums supported).
 *
 * - `disableESTransforms`: modern JS (class fields, `?.`, `??`) is kept as written.
 * - `keepUnusedImports`: an import whose names this cell does not use is still a
 *   declaration — a later cell may use them (sucrase would otherwise elide it).
 *
 * Sucrase silently drops every `namespace`, so one that holds values is rejected here
 * instead of vanishing.
 *
 * @example
 * stripTypesWithSucrase('const x: number = 1 as any;', 'cell 1').code // => 'const x = 1 ;'
 */
export function stripTypesWithSucrase(source: string, filename: string): StrippedCell {
  let result;
  try {
    result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      keepUnusedImports: true,
      filePath: filename,
      sourceMapOptions: { compiledFilename: filename },
    });
  } catch (error) {
    throw toCellSyntaxError(error, source, filename);
  }
  const namespace = findValueNamespace(source);
  if (namespace !== undefined) {
    const at = positionAt(source, namespace);
    throw new CellSyntaxError(
      filename,
      at.line,
      at.column + 1,
      'namespaces with values are not supported in cells; use an object, a class, or `declare namespace` for types',
    );
  }
  return { code: result.code, map: result.sourceMap as EncodedSourceMap };
}

/** Sucrase errors carry `pos` (an offset into the source); anything else is a bug we rethrow. */
function toCellSyntaxError(error: unknown, source: string, filename: string): unknown {
  if (!(error instanceof Error) || typeof (error as { pos?: unknown }).pos !== 'number') return error;
  const at = positionAt(source, (error as Error & { pos: number }).pos);
  return new CellSyntaxError(filename, at.line, at.column + 1, withoutPositionSuffix(error.message));
}
