import assert from 'node:assert/strict';
import { GeneratedCodeError } from './CellSyntaxError';
import { parseCellJs } from './parseCellJs';

describe('parseCellJs', () => {
  it('accepts top-level await, import and export', () => {
    const program = parseCellJs("import x from 'y'\nexport const a = await x");
    assert.deepEqual(program.body.map((n) => n.type), ['ImportDeclaration', 'ExportNamedDeclaration']);
  });

  it('throws GeneratedCodeError with the offset for syntax errors', () => {
    assert.throws(() => parseCellJs('let a = ;'), (e: unknown) => e instanceof GeneratedCodeError && e.pos === 8);
    assert.throws(() => parseCellJs('return 1'), GeneratedCodeError);
  });
});
