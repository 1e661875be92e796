import assert from 'node:assert/strict';
import { CellSyntaxError, withoutPositionSuffix } from './CellSyntaxError';

describe('CellSyntaxError', () => {
  it('formats "<filename> (<line>:<column>): <reason>"', () => {
    const e = new CellSyntaxError('cell 3', 2, 14, "',' expected");
    assert.equal(e.message, "cell 3 (2:14): ',' expected");
    assert.equal(e.name, 'CellSyntaxError');
    assert.ok(e instanceof Error);
  });

  it('withoutPositionSuffix strips a parser position', () => {
    assert.equal(withoutPositionSuffix('Unexpected token (2:12)'), 'Unexpected token');
    assert.equal(withoutPositionSuffix('Unexpected token'), 'Unexpected token');
  });
});
