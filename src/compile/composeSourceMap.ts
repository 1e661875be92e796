import remapping, { type EncodedSourceMap } from '@jridgewell/remapping';
import type MagicString from 'magic-string';

/**
 * The cell's final source map: generated JS → (rewrite) → type-stripped JS → (stripper)
 * → cell source. `sources` is exactly `[filename]` (remapping would resolve it as a URL)
 * and `sourcesContent` carries the cell, so a debugger needs nothing else.
 *
 * `hires: 'boundary'` maps every word start: enough for the positions V8 puts in stack
 * traces, at a fraction of per-character maps' cost.
 *
 * @example
 * composeSourceMap(rewritten, stripped.map, 'cell 1', source) // => '{"version":3,…}'
 */
export function composeSourceMap(rewritten: MagicString, strippedMap: EncodedSourceMap, filename: string, source: string): string {
  const rewriteMap = rewritten.generateDecodedMap({ hires: 'boundary', source: filename });
  const map = remapping([rewriteMap as Parameters<typeof remapping>[0], strippedMap], () => null);
  map.sources = [filename];
  map.sourcesContent = [source];
  map.file = undefined;
  return map.toString();
}
