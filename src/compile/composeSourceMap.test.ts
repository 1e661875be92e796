import assert from 'node:assert/strict';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import MagicString from 'magic-string';
import { composeSourceMap } from './composeSourceMap';
import { stripTypesWithSucrase } from './stripTypesWithSucrase';

describe('composeSourceMap', () => {
  it('maps through both stages to the cell source', () => {
    const source = 'const a: number = 1\nconst bb: string = "x"; foo(bb)';
    const stripped = stripTypesWithSucrase(source, 'cell 9');
    const s = new MagicString(stripped.code);
    s.prepend('(async function () {');
    const fooAt = stripped.code.indexOf('foo');
    s.update(fooAt, fooAt + 3, '$scope.foo');
    const map = new TraceMap(JSON.parse(composeSourceMap(s, stripped.map, 'cell 9', source)));
    const generatedLine2 = s.toString().split('\n')[1];
    const original = originalPositionFor(map, { line: 2, column: generatedLine2.indexOf('$scope.foo') });
    assert.deepEqual([original.source, original.line, original.column], ['cell 9', 2, source.split('\n')[1].indexOf('foo')]);
  });
});
