import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { joinSourceLines, splitSourceLines } from './sourceLines';

describe('format: source lines', function () {
  this.timeout(30_000); // property tests: generous on a loaded CI machine

  it('splits after each \\n, keeping \\r and writing no empty last line', () => {
    assert.deepEqual(splitSourceLines(''), []);
    assert.deepEqual(splitSourceLines('a'), ['a']);
    assert.deepEqual(splitSourceLines('a\n'), ['a\n']);
    assert.deepEqual(splitSourceLines('a\r\nb'), ['a\r\n', 'b']);
    assert.deepEqual(splitSourceLines('\n\n'), ['\n', '\n']);
    assert.deepEqual(splitSourceLines('a\rb'), ['a\rb']);
  });

  it('join undoes split for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.array(fc.constantFrom('\n', '\r\n', 'x', '')), (text, bits) => {
        const source = text + bits.join('');
        const lines = splitSourceLines(source);
        assert.equal(joinSourceLines(lines), source);
        lines.slice(0, -1).forEach((line) => assert.ok(line.endsWith('\n')));
        lines.forEach((line) => assert.ok(line.length > 0));
      }),
    );
  });
});
