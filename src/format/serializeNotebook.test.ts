import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NnbookFormatError, NotebookModel, parseNotebook, serializeNotebook } from './index';

const goldenDir = join(__dirname, '../../test/fixtures/format/golden');
const golden = (name: string) => readFileSync(join(goldenDir, name), 'utf8');

/** The model of golden/small.nnbook, written out so the golden test does not depend on the parser. */
const smallModel: NotebookModel = {
  metadata: { title: 'Linear regression' },
  extra: { createdBy: 'nnbook 0.1.0' },
  cells: [
    { kind: 'markdown', language: 'markdown', source: '# Fit a line\n\nWe learn `y = 2x + 1`.', outputs: [], metadata: {} },
    {
      kind: 'code',
      language: 'typescript',
      source: 'const model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 1, inputShape: [1] }));\n',
      outputs: [
        { items: [{ mime: 'application/vnd.code.notebook.stdout', data: 'epoch 1: loss 0.25\n' }], metadata: {} },
        {
          items: [
            { mime: 'application/vnd.nnbook.loss+json', data: '{"loss":[0.5,0.25]}' },
            { mime: 'image/png', data: 'iVBORw0KGgo=', encoding: 'base64' },
          ],
          metadata: { displayId: 'loss-1' },
        },
      ],
      metadata: { execution: { executionOrder: 1, success: true } },
      extra: { collapsed: true },
    },
    { kind: 'code', language: 'javascript', source: '', outputs: [], metadata: {} },
  ],
};

const cell = (over: Partial<NotebookModel['cells'][number]> = {}): NotebookModel['cells'][number] => ({
  kind: 'code', language: 'typescript', source: '', outputs: [], metadata: {}, ...over,
});

describe('format: serializeNotebook', () => {
  it('writes the golden file exactly', () => {
    assert.equal(serializeNotebook(smallModel), golden('small.nnbook'));
  });

  it('reads the golden file back to the same model', () => {
    assert.deepEqual(parseNotebook(golden('small.nnbook')), smallModel);
  });

  it('canonicalises a hand-written file (any key order, string source, JSON as text)', () => {
    assert.equal(serializeNotebook(parseNotebook(golden('messy.nnbook'))), golden('small.nnbook'));
  });

  it('writes an empty notebook', () => {
    assert.equal(serializeNotebook({ metadata: {}, cells: [] }), '{\n  "nnbook": 1,\n  "metadata": {},\n  "cells": []\n}\n');
  });

  it('writes source as lines, each but the last ending in \\n', () => {
    const text = serializeNotebook({ metadata: {}, cells: [cell({ source: 'a\r\nb\n\nc' })] });
    assert.deepEqual(JSON.parse(text).cells[0].source, ['a\r\n', 'b\n', '\n', 'c']);
  });

  it('writes outputs always for code cells, for markdown cells only when there are some', () => {
    const text = serializeNotebook({ metadata: {}, cells: [cell(), cell({ kind: 'markdown', language: 'markdown' })] });
    assert.deepEqual(JSON.parse(text).cells, [
      { kind: 'code', language: 'typescript', source: [], outputs: [] },
      { kind: 'markdown', language: 'markdown', source: [] },
    ]);
  });

  it('a one-line edit is a one-line diff', () => {
    const source = Array.from({ length: 20 }, (_, i) => `const x${i} = ${i};\n`).join('');
    const before = serializeNotebook({ metadata: {}, cells: [cell({ source })] }).split('\n');
    const after = serializeNotebook({ metadata: {}, cells: [cell({ source: source.replace('x7 = 7', 'x7 = 8') })] }).split('\n');
    assert.equal(before.length, after.length);
    assert.equal(before.filter((line, i) => line !== after[i]).length, 1);
  });

  it('writes JSON-mime data as a value only when that is lossless', () => {
    const items = ['{"a":1}', '{ "a": 1 }', 'oops', '"s"'].map((data) => ({ mime: 'application/json', data }));
    const text = serializeNotebook({ metadata: {}, cells: [cell({ outputs: [{ items, metadata: {} }] })] });
    assert.deepEqual(
      JSON.parse(text).cells[0].outputs[0].items.map((i: { data: unknown }) => i.data),
      [{ a: 1 }, '{ "a": 1 }', 'oops', '"s"'],
    );
    assert.deepEqual(parseNotebook(text).cells[0].outputs[0].items, items);
  });

  it('keeps base64 data of a JSON mime as base64', () => {
    const item = { mime: 'application/json', data: 'e30=', encoding: 'base64' as const };
    const text = serializeNotebook({ metadata: {}, cells: [cell({ outputs: [{ items: [item], metadata: {} }] })] });
    assert.deepEqual(JSON.parse(text).cells[0].outputs[0].items[0], { mime: 'application/json', encoding: 'base64', data: 'e30=' });
  });

  it('writes unknown fields after the known ones; a known key in `extra` is ignored', () => {
    const nb: NotebookModel = {
      metadata: {},
      extra: { z: 1, cells: 'ignored', nnbook: 99 },
      cells: [cell({ extra: { kind: 'markdown', tags: [] } })],
    };
    const text = serializeNotebook(nb);
    assert.deepEqual(Object.keys(JSON.parse(text)), ['nnbook', 'metadata', 'cells', 'z']);
    assert.deepEqual(JSON.parse(text).cells[0], { kind: 'code', language: 'typescript', source: [], outputs: [], tags: [] });
  });

  it('keeps a "__proto__" unknown field as a field', () => {
    const nb = parseNotebook('{"nnbook": 1, "cells": [], "__proto__": {"x": 1}}');
    assert.deepEqual(Object.keys(nb.extra!), ['__proto__']);
    assert.match(serializeNotebook(nb), /"__proto__": \{\n {4}"x": 1\n {2}\}/);
  });

  it('refuses a model it could not read back, naming where', () => {
    const cases: [NotebookModel, string][] = [
      [{ metadata: {}, cells: [cell({ language: 'python' })] },
        'nnbook: cannot write notebook at cells[0].language: expected "typescript" or "javascript" for a code cell, got "python"'],
      [{ metadata: {}, cells: [cell({ outputs: [{ items: [{ mime: 'image/png', data: '!!', encoding: 'base64' }], metadata: {} }] })] },
        'nnbook: cannot write notebook at cells[0].outputs[0].items[0].data: expected base64 text (standard alphabet, padded, no line breaks)'],
      [{ metadata: {}, cells: [cell({ source: 3 as unknown as string })] },
        'nnbook: cannot write notebook at cells[0].source: expected a string, got number'],
      [{ metadata: [] as unknown as Record<string, unknown>, cells: [] },
        'nnbook: cannot write notebook at metadata: expected an object, got array'],
    ];
    for (const [nb, message] of cases) {
      assert.throws(() => serializeNotebook(nb), (e: unknown) => e instanceof NnbookFormatError && e.message === message);
    }
  });

  it('refuses metadata that is not JSON', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() => serializeNotebook({ metadata: cyclic, cells: [] }), (e: unknown) =>
      e instanceof NnbookFormatError && e.message.startsWith('nnbook: cannot write notebook: the notebook holds a value that is not JSON'));
  });
});
