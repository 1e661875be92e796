import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { NotebookModel, parseNotebook, serializeNotebook } from './index';

/** ~20 MB: 40 cells, each with a 480 KB base64 image, a loss curve as JSON and some stdout. */
function largeNotebook(): NotebookModel {
  return {
    metadata: {},
    cells: Array.from({ length: 40 }, () => ({
      kind: 'code' as const,
      language: 'typescript',
      source: 'const x = tf.tensor([1, 2, 3]);\n'.repeat(50),
      metadata: {},
      outputs: [
        { items: [{ mime: 'image/png', encoding: 'base64' as const, data: randomBytes(360_000).toString('base64') }], metadata: {} },
        { items: [{ mime: 'application/vnd.nnbook.loss+json', data: JSON.stringify({ loss: Array.from({ length: 2000 }, Math.random) }) }], metadata: {} },
        { items: [{ mime: 'application/vnd.code.notebook.stdout', data: 'epoch 1 loss 0.5\n'.repeat(200) }], metadata: {} },
      ],
    })),
  };
}

describe('format: large notebook', function () {
  this.timeout(30_000);

  it('parses a 20 MB notebook in well under a second', () => {
    const nb = largeNotebook();
    const bytes = new TextEncoder().encode(serializeNotebook(nb));
    assert.ok(bytes.length > 20_000_000, `only ${bytes.length} bytes`);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      const parsed = parseNotebook(bytes);
      times.push(performance.now() - start);
      assert.equal(parsed.cells.length, 40);
    }
    const best = Math.min(...times);
    // Typically 100–250 ms; the bound only catches a slow path (quadratic scan, regex backtracking).
    assert.ok(best < 1000, `best of 3: ${best.toFixed(0)} ms for ${(bytes.length / 1e6).toFixed(1)} MB`);
  });
});
