import assert from 'node:assert/strict';
import path from 'node:path';
import { eachMapping, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import MagicString from 'magic-string';
import { analyzeCell } from './analyzeCell';
import { composeSourceMap } from './composeSourceMap';
import { parseCellJs } from './parseCellJs';
import { rewriteCell } from './rewriteCell';
import { stripTypesWithSucrase } from './stripTypesWithSucrase';
import { MLP_CELL } from './testing/mlpCell';

/**
 * The reference implementation, loaded by file: the repo's tsconfig `paths` entry for
 * '@jridgewell/remapping' (a types fix) also redirects tsx's runtime resolution.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const remapping = require(
  path.join(path.dirname(require.resolve('@jridgewell/remapping/package.json')), 'dist/remapping.umd.js'),
) as typeof import('@jridgewell/remapping').default;

describe('composeSourceMap', () => {
  it('maps through both stages to the cell source', () => {
    const source = 'const a: number = 1\nconst bb: string = "x"; foo(bb)';
    const stripped = stripTypesWithSucrase(source, 'cell 9');
    const s = new MagicString(stripped.code);
    s.prepend('(async function () {');
    const fooAt = stripped.code.indexOf('foo');
    s.update(fooAt, fooAt + 3, '$scope.foo');
    const map = JSON.parse(composeSourceMap(s, stripped.map, 'cell 9', source));
    assert.deepEqual([map.sources, map.sourcesContent], [['cell 9'], [source]]);
    const generatedLine2 = s.toString().split('\n')[1];
    const original = originalPositionFor(new TraceMap(map), { line: 2, column: generatedLine2.indexOf('$scope.foo') });
    assert.deepEqual([original.source, original.line, original.column], ['cell 9', 2, source.split('\n')[1].indexOf('foo')]);
  });

  it('agrees with @jridgewell/remapping at every generated position (realistic cell)', () => {
    const stripped = stripTypesWithSucrase(MLP_CELL, 'cell 1');
    const rewritten = rewriteCell(stripped.code, analyzeCell(parseCellJs(stripped.code), new Set()));
    const ours = new TraceMap(JSON.parse(composeSourceMap(rewritten, stripped.map, 'cell 1', MLP_CELL)));
    const oracleMap = remapping([rewritten.generateDecodedMap({ hires: 'boundary', source: 'cell 1' }) as never, stripped.map], () => null);
    let checked = 0;
    eachMapping(new TraceMap(oracleMap.toString()), (m) => {
      const got = originalPositionFor(ours, { line: m.generatedLine, column: m.generatedColumn });
      assert.deepEqual([got.line, got.column], [m.originalLine, m.originalColumn], `at ${m.generatedLine}:${m.generatedColumn}`);
      checked++;
    });
    assert.ok(checked > 1000, `only ${checked} mappings`);
  });
});
