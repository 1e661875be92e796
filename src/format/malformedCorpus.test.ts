import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NnbookFormatError, parseNotebook } from './index';

/** Each file in the corpus must fail with exactly the message in expected.json. */
const corpusDir = join(__dirname, '../../test/fixtures/format/malformed');
const expected: Record<string, string> = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8'));

describe('format: malformed corpus', () => {
  const files = readdirSync(corpusDir).filter((name) => name.endsWith('.nnbook')).sort();

  it('has at least 20 files, each with an expected message', () => {
    assert.ok(files.length >= 20, `only ${files.length} files`);
    assert.deepEqual(files, Object.keys(expected).sort());
  });

  for (const name of files) {
    it(name, () => {
      const bytes = new Uint8Array(readFileSync(join(corpusDir, name)));
      assert.throws(
        () => parseNotebook(bytes),
        (e: unknown) => {
          assert.ok(e instanceof NnbookFormatError, `not an NnbookFormatError: ${String(e)}`);
          assert.equal(e.message, expected[name]);
          return true;
        },
      );
    });
  }
});
