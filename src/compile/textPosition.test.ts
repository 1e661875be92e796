import assert from 'node:assert/strict';
import { lineBreaksIn, positionAt } from './textPosition';

describe('textPosition', () => {
  it('positionAt: 1-based line, 0-based column', () => {
    assert.deepEqual(positionAt('ab\ncd', 0), { line: 1, column: 0 });
    assert.deepEqual(positionAt('ab\ncd', 2), { line: 1, column: 2 });
    assert.deepEqual(positionAt('ab\ncd', 3), { line: 2, column: 0 });
    assert.deepEqual(positionAt('ab\ncd', 99), { line: 2, column: 2 });
  });

  it('lineBreaksIn counts only the given range', () => {
    assert.equal(lineBreaksIn('a\nb\nc\nd', 1, 4), '\n\n');
    assert.equal(lineBreaksIn('a\nb', 2, 3), '');
  });
});
