import {
  encodedMappings, presortedDecodedMap, TraceMap, traceSegment, type EncodedSourceMap, type SourceMapSegment,
} from '@jridgewell/trace-mapping';
import type MagicString from 'magic-string';

/**
 * The cell's final source map: generated JS → (rewrite) → type-stripped JS → (stripper)
 * → cell source. `sources` is exactly `[filename]` and `sourcesContent` carries the
 * cell, so a debugger needs nothing else.
 *
 * This is what `@jridgewell/remapping` does for a two-map chain, specialised: every
 * rewrite segment is traced through the stripper's map (nearest mapped token at or
 * before it); it costs a third of remapping's time, which matters at ~2 ms a cell.
 * `hires: 'boundary'` maps every word start: enough for the positions V8 puts in
 * stack traces, at a fraction of per-character maps' cost.
 *
 * @example
 * composeSourceMap(rewritten, stripped.map, 'cell 1', source) // => '{"version":3,…}'
 */
export function composeSourceMap(rewritten: MagicString, strippedMap: EncodedSourceMap, filename: string, source: string): string {
  const rewrite = rewritten.generateDecodedMap({ hires: 'boundary', source: filename }).mappings;
  const stripped = new TraceMap(strippedMap);
  const mappings: SourceMapSegment[][] = [];
  for (const line of rewrite) {
    const out: SourceMapSegment[] = [];
    let lastLine = -1;
    let lastColumn = -1;
    for (const segment of line) {
      if (segment.length < 4) continue;
      const traced = traceSegment(stripped, segment[2]!, segment[3]!);
      if (!traced || traced.length < 4) continue;
      const [, , originalLine, originalColumn] = traced as [number, number, number, number];
      // Consecutive segments tracing to one token add nothing.
      if (originalLine === lastLine && originalColumn === lastColumn) continue;
      out.push([segment[0], 0, originalLine, originalColumn]);
      lastLine = originalLine;
      lastColumn = originalColumn;
    }
    mappings.push(out);
  }
  const map = presortedDecodedMap({ version: 3, sources: [filename], names: [], mappings });
  return JSON.stringify({
    version: 3,
    sources: [filename],
    sourcesContent: [source],
    names: [],
    mappings: encodedMappings(map),
  });
}
