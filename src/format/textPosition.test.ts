import * as assert from 'node:assert/strict';
import { positionAt } from './textPosition';

describe('format: positionAt', () => {
  it('counts lines after \\n, \\r\\n and a lone \\r', () => {
    const text = 'a\nb\r\nc\rd';
    assert.deepEqual(positionAt(text, 0), { line: 1, column: 1 });
    assert.deepEqual(positionAt(text, 2), { line: 2, column: 1 });
    assert.deepEqual(positionAt(text, 5), { line: 3, column: 1 });
    assert.deepEqual(positionAt(text, 7), { line: 4, column: 1 });
  });

  it('counts a surrogate pair as one column', () => {
    assert.deepEqual(positionAt('😀x', 2), { line: 1, column: 2 });
  });

  it('clamps an offset past the end', () => {
    assert.deepEqual(positionAt('ab', 10), { line: 1, column: 3 });
  });
});
