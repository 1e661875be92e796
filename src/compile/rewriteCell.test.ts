import assert from 'node:assert/strict';
import { analyzeCell } from './analyzeCell';
import { parseCellJs } from './parseCellJs';
import { rewriteCell } from './rewriteCell';

const HEADER = '(async function ($scope, $rt) { "use strict"; ';
const body = (code: string, known: string[] = []) => {
  const js = rewriteCell(code, analyzeCell(parseCellJs(code), new Set(known))).toString();
  assert.ok(js.startsWith(HEADER) && js.endsWith('\n})'));
  return js.slice(HEADER.length, -3);
};

describe('rewriteCell', () => {
  it('declarations become assignments', () => {
    assert.equal(body('const a = 1, b = a'), '$scope.a = 1, $scope.b = $scope.a;');
    assert.equal(body('let u, v = 2;'), '$scope.u = undefined, $scope.v = 2;');
    assert.equal(body('const { a, b: [c] } = o'), ';({ a: $scope.a, b: [$scope.c] } = o);');
  });

  it('hoists functions and vars in a prologue on line 1', () => {
    assert.equal(body('var v = f()\nfunction f() { return v }'), '$scope.f = f; if (!("v" in $scope)) $scope.v = undefined; $scope.v = $scope.f();\nfunction f() { return $scope.v }');
  });

  it('classes, awaits, typeof, shorthand and the final value', () => {
    assert.equal(body('class K {}'), '$scope.K = class K {};');
    assert.equal(body('await x', ['x']), 'return (await $rt.awaiting($scope.x));');
    assert.equal(body('typeof x', ['x']), 'return (("x" in $scope ? typeof $scope.x : "undefined"));');
    assert.equal(body('({ x })', ['x']), 'return (({ x: $scope.x }));');
  });

  it('nested awaits close in the right order', () => {
    assert.equal(body('await (await typeof x)', ['x']), 'return (await ($rt.awaiting(await $rt.awaiting(("x" in $scope ? typeof $scope.x : "undefined")))));');
  });

  it('for heads', () => {
    assert.equal(body('for (var i = 0; i < 1; i++);'), 'if (!("i" in $scope)) $scope.i = undefined; for ($scope.i = 0; $scope.i < 1; $scope.i++);');
    assert.equal(body('for (var [k] of m);'), 'if (!("k" in $scope)) $scope.k = undefined; for ([$scope.k] of m);');
  });

  it('export statements without a declaration vanish, keeping lines', () => {
    assert.equal(body('let a\nexport {\n a\n}\nexport * from "m"'), '$scope.a = undefined;\n\n\n\n');
  });
});
