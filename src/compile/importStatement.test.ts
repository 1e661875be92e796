import assert from 'node:assert/strict';
import { parse, type ImportDeclaration } from 'acorn';
import { importStatement } from './importStatement';

const importOf = (code: string) =>
  importStatement(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }).body[0] as ImportDeclaration);

describe('importStatement', () => {
  it('side-effect import', () => {
    assert.equal(importOf("import 'x'"), '$rt.import("x");');
  });

  it('namespace, default and named specifiers', () => {
    assert.equal(
      importOf("import d, { a as b, 'odd-name' as c } from 'm'"),
      '{ const $m = $rt.import("m"); $scope.d = $m.default ?? $m; $scope.b = $m["a"]; $scope.c = $m["odd-name"]; }',
    );
    assert.equal(importOf("import * as tf from '@tensorflow/tfjs'"), '{ const $m = $rt.import("@tensorflow/tfjs"); $scope.tf = $m; }');
  });
});
