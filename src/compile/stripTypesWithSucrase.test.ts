import assert from 'node:assert/strict';
import { CellSyntaxError } from './CellSyntaxError';
import { stripTypesWithSucrase } from './stripTypesWithSucrase';

describe('stripTypesWithSucrase', () => {
  it('removes types and keeps lines', () => {
    const { code, map } = stripTypesWithSucrase('const x: number = 1 as any\ninterface I {}\nx!', 'cell 1');
    assert.equal(code.split('\n').length, 3);
    assert.ok(!code.includes('number') && !code.includes('interface'));
    assert.deepEqual(map.sources, ['cell 1']);
  });

  it('keeps modern JS and imports unused in the cell', () => {
    const { code } = stripTypesWithSucrase("import { a } from 'm'\nclass K { #p = 1; static s = a?.b ?? 0 }", 'c');
    assert.ok(code.includes("import { a } from 'm'"));
    assert.ok(code.includes('#p = 1') && code.includes('?.') && code.includes('??'));
  });

  it('throws CellSyntaxError with a 1-based position', () => {
    assert.throws(() => stripTypesWithSucrase('ab cd', 'c'), (e: unknown) => e instanceof CellSyntaxError && e.line === 1 && e.column === 4);
  });
});
