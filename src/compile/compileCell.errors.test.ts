import assert from 'node:assert/strict';
import { CellSyntaxError } from './CellSyntaxError';
import { compileCell } from './compileCell';

/** The error `compileCell` throws for `source`, checked to be a CellSyntaxError. */
function syntaxError(source: string, known: string[] = []): CellSyntaxError {
  try {
    compileCell(source, { filename: 'cell 3', known: new Set(known) });
  } catch (error) {
    assert.ok(error instanceof CellSyntaxError, `expected CellSyntaxError, got ${error}`);
    return error;
  }
  return assert.fail(`expected a syntax error for ${JSON.stringify(source)}`);
}

describe('compileCell: errors', () => {
  it('reports TypeScript syntax errors at the cell line and 1-based column', () => {
    const e = syntaxError('const a = 1\nlet b: = 2');
    assert.deepEqual([e.line, e.column], [2, 8]);
    assert.equal(e.filename, 'cell 3');
    assert.equal(e.message, `cell 3 (2:8): ${e.reason}`);
    assert.ok(!e.reason.includes('(2:'), 'no duplicated parser position');
  });

  it('reports an unexpected token after an incomplete expression', () => {
    const e = syntaxError('let a = 1;\nlet b = 2 +;');
    assert.deepEqual([e.line, e.column], [2, 12]);
  });

  it('reports JavaScript errors found after type stripping at the TypeScript position', () => {
    // Types before the error on the same line shift the stripped JS; the position must not.
    const e = syntaxError('const a: Array<number> = [1]\nconst f = (x: number, y: string): number => { return await x }');
    assert.equal(e.line, 2);
    const line = 'const f = (x: number, y: string): number => { return await x }';
    assert.equal(e.column, line.indexOf('await') + 1);
    assert.match(e.reason, /await/);
  });

  it('rejects top-level return', () => {
    assert.equal(syntaxError('const a = 1\nreturn a').line, 2);
  });

  it('rejects strict-mode violations (cells run in strict mode)', () => {
    syntaxError('with (Math) { max(1, 2) }');
    syntaxError('const n = 010');
    syntaxError('function f(a, a) {}');
  });

  it('rejects redeclaring a let in one cell, as JS does', () => {
    assert.equal(syntaxError('let a = 1\nlet a = 2').line, 2);
  });

  it('rejects decorators (not runnable in the kernel)', () => {
    const e = syntaxError('function dec(...a: any[]) {}\nclass A {\n  @dec m() {}\n}');
    assert.deepEqual([e.line, e.column], [3, 3]);
  });

  it('rejects the reserved names $scope and $rt as bindings, at their position', () => {
    const e = syntaxError('const ok = 1\nfunction f(x: number, $scope: number) {}');
    assert.deepEqual([e.line, e.column], [2, 23]);
    assert.match(e.reason, /'\$scope' is reserved/);
    syntaxError('let $rt = 1');
    syntaxError("import $rt from 'x'");
    syntaxError('try {} catch ($scope) {}');
  });

  it('rejects import.meta (cells run as scripts)', () => {
    assert.deepEqual([syntaxError('const a = 1\nfunction f() { return import.meta.url }').line], [2]);
  });

  it('rejects `export default <expression>`', () => {
    assert.match(syntaxError('export default 1 + 1').reason, /export default/);
  });

  it('does not mistake a ReferenceError for a syntax error: unknown names compile', () => {
    assert.doesNotThrow(() => compileCell('notDeclaredAnywhere + 1', { filename: 'c', known: new Set() }));
  });
});
