import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseNotebook, serializeNotebook } from './index';
import { notebook } from './notebookArbitraries.testing';

const encoder = new TextEncoder();

describe('format: round trip (property)', function () {
  this.timeout(30_000); // property tests: generous on a loaded CI machine

  it('parse(serialize(nb)) deep-equals nb', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        assert.deepStrictEqual(parseNotebook(encoder.encode(serializeNotebook(nb))), nb);
      }),
      { numRuns: 200 },
    );
  });

  it('serialize(parse(serialize(nb))) === serialize(nb)', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = serializeNotebook(nb);
        assert.equal(serializeNotebook(parseNotebook(text)), text);
      }),
      { numRuns: 200 },
    );
  });

  it('writes 2-space indented JSON ending in one newline', () => {
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = serializeNotebook(nb);
        assert.equal(text, JSON.stringify(JSON.parse(text), null, 2) + '\n');
      }),
      { numRuns: 100 },
    );
  });
});
