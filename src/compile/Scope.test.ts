import assert from 'node:assert/strict';
import { CellScope, refersToCellScope, Scope } from './Scope';

describe('Scope', () => {
  it('resolves cell names and known names unless a nested scope binds them', () => {
    const cell = new CellScope();
    cell.declare('a');
    const fn = new Scope(cell, 'block');
    fn.names.add('b');
    const inner = new Scope(fn, 'block');
    assert.equal(refersToCellScope(inner, 'a', new Set()), true);
    assert.equal(refersToCellScope(inner, 'k', new Set(['k'])), true);
    assert.equal(refersToCellScope(inner, 'b', new Set(['b'])), false);
    assert.equal(refersToCellScope(inner, 'Math', new Set()), false);
  });

  it('local top-level names (using) are not cell names', () => {
    const cell = new CellScope();
    cell.localNames.add('res');
    assert.equal(refersToCellScope(cell, 'res', new Set(['res'])), false);
  });

  it('declare keeps first-appearance order without duplicates', () => {
    const cell = new CellScope();
    for (const n of ['b', 'a', 'b']) cell.declare(n);
    assert.deepEqual(cell.declared, ['b', 'a']);
  });

  it('var lands in the nearest function body or the cell', () => {
    const cell = new CellScope();
    const body = new Scope(new Scope(cell, 'block'), 'body');
    const block = new Scope(new Scope(body, 'block'), 'block');
    assert.equal(block.varScope(), body);
    assert.equal(new Scope(cell, 'block').varScope(), cell);
  });
});
