import * as assert from 'node:assert/strict';
import { decodeUtf8, firstInvalidUtf8Offset } from './decodeUtf8';
import { NnbookFormatError } from './NnbookFormatError';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('format: decodeUtf8', () => {
  it('decodes UTF-8 and drops a byte order mark', () => {
    assert.equal(decodeUtf8(new TextEncoder().encode('é😀')), 'é😀');
    assert.equal(decodeUtf8(bytes(0xef, 0xbb, 0xbf, 0x61)), 'a');
  });

  it('reports the first invalid byte with line and column', () => {
    assert.throws(() => decodeUtf8(bytes(0x61, 0x0a, 0x62, 0xff)), (e: unknown) => {
      assert.ok(e instanceof NnbookFormatError);
      assert.equal(e.message, 'nnbook: not valid UTF-8 at line 2, column 2 (byte 3)');
      assert.equal(e.line, 2);
      assert.equal(e.column, 2);
      return true;
    });
  });

  it('finds overlong forms, surrogates, out-of-range and truncated sequences', () => {
    assert.equal(firstInvalidUtf8Offset(bytes(0x61, 0xc0, 0x80)), 1); // overlong NUL
    assert.equal(firstInvalidUtf8Offset(bytes(0xe0, 0x80, 0x80)), 0); // overlong 3-byte
    assert.equal(firstInvalidUtf8Offset(bytes(0xed, 0xa0, 0x80)), 0); // U+D800
    assert.equal(firstInvalidUtf8Offset(bytes(0xf4, 0x90, 0x80, 0x80)), 0); // > U+10FFFF
    assert.equal(firstInvalidUtf8Offset(bytes(0x61, 0xe2, 0x82)), 1); // truncated
    assert.equal(firstInvalidUtf8Offset(bytes(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80)), 7); // valid
  });
});
