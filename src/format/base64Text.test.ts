import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBase64 } from './base64Text';

describe('format: isBase64', () => {
  it('accepts what Buffer writes, for any bytes', () => {
    fc.assert(fc.property(fc.uint8Array(), (bytes) => isBase64(Buffer.from(bytes).toString('base64'))));
  });

  it('refuses unpadded, misplaced padding, other alphabets and line breaks', () => {
    for (const text of ['aGk', 'a===', '=aGk', 'aG=k', 'a-_b', 'aGk=\n', 'aG k', 'aGk=aGk=']) {
      assert.equal(isBase64(text), false, JSON.stringify(text));
    }
    assert.equal(isBase64(''), true);
    assert.equal(isBase64('aA=='), true);
  });
});
