import assert from 'node:assert/strict';
import { analyzeCell } from './analyzeCell';
import { parseCellJs } from './parseCellJs';

const analyze = (code: string, known: string[] = []) => analyzeCell(parseCellJs(code), new Set(known));
const refNames = (code: string, known: string[] = []) =>
  analyze(code, known).intents.flatMap((i) => (i.kind === 'ref' ? [i.id.name] : []));

describe('analyzeCell', () => {
  it('collects declared names in order, imports and enums included', () => {
    const code = "import d, { e as f } from 'm'\nvar E; (function (E) {})(E || (E = {}));\nconst { a, b: [c] } = o\nfunction g() {}\nclass H {}";
    assert.deepEqual(analyze(code).declared, ['d', 'f', 'E', 'a', 'c', 'g', 'H']);
  });

  it('keeps only references that resolve to the cell or known names', () => {
    assert.deepEqual(refNames('a + b + Math.max(c)', ['a', 'c']), ['a', 'c']);
    assert.deepEqual(refNames('function f(a) { return a + b }', ['a', 'b']), ['b']);
  });

  it('records hoisted functions and var names', () => {
    const result = analyze('f()\nfunction f() {}\nif (x) { var v = 1 }\nfunction g() { var inner }');
    assert.deepEqual(result.hoistedFunctions.map((fn) => fn.id.name), ['f', 'g']);
    assert.deepEqual(result.varNames, ['v']);
  });

  it('marks only the final expression statement for return', () => {
    assert.equal(analyze('a; b').intents.filter((i) => i.kind === 'return').length, 1);
    assert.equal(analyze('a; let b').intents.filter((i) => i.kind === 'return').length, 0);
  });

  it('resets only the first lowered enum of a name', () => {
    const code = 'var E; (function (E) {})(E || (E = {}));\nvar E; (function (E) {})(E || (E = {}));';
    const resets = analyze(code).intents.flatMap((i) => (i.kind === 'variables' ? [i.resetsEnum] : []));
    assert.deepEqual(resets, [true, false]);
  });

  it('leaves `using` declarations local', () => {
    const result = analyze('using res = open()\nres.read()', ['res']);
    assert.deepEqual(result.declared, []);
    assert.ok(!result.intents.some((i) => i.kind === 'ref' && i.id.name === 'res'));
  });
});
