import assert from 'node:assert/strict';
import { parse, type VariableDeclaration } from 'acorn';
import { addPatternNames } from './patternNames';

describe('addPatternNames', () => {
  it('collects every name of a nested pattern', () => {
    const decl = parse('var { a, b: [c, , ...d], e = 1, ...f } = o', { ecmaVersion: 'latest' }).body[0] as VariableDeclaration;
    const names = new Set<string>();
    addPatternNames(decl.declarations[0].id, names);
    assert.deepEqual([...names], ['a', 'c', 'd', 'e', 'f']);
  });
});
