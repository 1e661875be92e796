import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { CELL_KIND_CODE, CELL_KIND_MARKUP, fromNotebookData, NotebookDataLike, NotebookModel, parseNotebook, serializeNotebook, toNotebookData } from './index';
import { notebook } from './notebookArbitraries.testing';

const utf8 = (text: string) => new TextEncoder().encode(text);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What the editor does to data between open and save: a deep copy. */
const throughEditor = (data: NotebookDataLike): NotebookDataLike => structuredClone(data);

const sample = parseNotebook(`{
  "nnbook": 1,
  "metadata": {"title": "t", "nnbook.kept": "the file's own value"},
  "cells": [
    {"kind": "markdown", "source": "# Hi"},
    {"kind": "code", "language": "javascript", "source": "1 + 1", "tags": ["x"],
     "metadata": {"note": 1, "execution": {"executionOrder": 4, "success": true, "timing": {"startTime": 10, "endTime": 25}}, "z": 2},
     "outputs": [
       {"items": [{"mime": "application/vnd.code.notebook.stdout", "data": "hi\\n"}]},
       {"items": [
          {"mime": "image/png", "encoding": "base64", "data": "aGk="},
          {"mime": "application/json", "encoding": "base64", "data": "e30="},
          {"mime": "application/x.custom", "data": "plain text", "lang": "en"}
        ], "metadata": {"nnbook": {"displayId": "d1"}}, "transient": true}
     ]}
  ],
  "extraTop": [1]
}`);

describe('format: notebook data (VS Code shapes, no vscode)', function () {
  this.timeout(30_000); // property tests: generous on a loaded CI machine

  it('maps cells to editor cells', () => {
    const data = toNotebookData(sample);
    assert.equal(data.cells[0].kind, CELL_KIND_MARKUP);
    assert.equal(data.cells[0].languageId, 'markdown');
    assert.equal(data.cells[0].value, '# Hi');
    assert.equal(data.cells[1].kind, CELL_KIND_CODE);
    assert.equal(data.cells[1].languageId, 'javascript');
    const [stdout, rich] = data.cells[1].outputs!;
    assert.deepEqual(stdout.items, [{ mime: 'application/vnd.code.notebook.stdout', data: utf8('hi\n') }]);
    assert.deepEqual(rich.items.map((i) => Buffer.from(i.data).toString()), ['hi', '{}', 'plain text']);
  });

  it('carries unknown fields in metadata["nnbook.kept"], and a file\'s own value there too', () => {
    const data = toNotebookData(sample);
    assert.deepEqual(data.metadata, { title: 't', 'nnbook.kept': { unknownFields: { extraTop: [1] }, shadowed: "the file's own value" } });
    assert.deepEqual(data.cells[1].metadata!['nnbook.kept'], { unknownFields: { tags: ['x'] } });
    assert.deepEqual(data.cells[1].outputs![1].metadata, { nnbook: { displayId: 'd1' }, 'nnbook.kept': {
      unknownFields: { transient: true },
      items: [
        { mime: 'image/png', encoding: 'base64' },
        { mime: 'application/json', encoding: 'base64' },
        { mime: 'application/x.custom', unknownFields: { lang: 'en' } },
      ],
    } });
    assert.ok(!('nnbook.kept' in data.cells[0].metadata!));
  });

  it('round-trips the sample byte for byte', () => {
    assert.equal(serializeNotebook(fromNotebookData(throughEditor(toNotebookData(sample)))), serializeNotebook(sample));
  });

  it('turns metadata.execution into the execution summary, and back in place', () => {
    const data = toNotebookData(sample);
    assert.deepEqual(data.cells[1].executionSummary, { executionOrder: 4, success: true, timing: { startTime: 10, endTime: 25 } });
    data.cells[1].executionSummary = { executionOrder: 5, success: false };
    assert.deepEqual(fromNotebookData(data).cells[1].metadata, { note: 1, execution: { executionOrder: 5, success: false }, z: 2 });
  });

  it('drops a stale summary the editor cleared, but never someone\'s own "execution" data', () => {
    const data = toNotebookData(sample);
    delete data.cells[1].executionSummary;
    assert.deepEqual(fromNotebookData(data).cells[1].metadata, { note: 1, z: 2 });
    const own = toNotebookData(parseNotebook('{"nnbook":1,"cells":[{"kind":"code","source":"","metadata":{"execution":"manual"}}]}'));
    assert.equal(own.cells[0].executionSummary, undefined);
    assert.deepEqual(fromNotebookData(own).cells[0].metadata, { execution: 'manual' });
  });

  it('stores new editor outputs as text for text mimes and base64 otherwise', () => {
    const error = JSON.stringify({ name: 'Error', message: 'boom', stack: '' });
    const nb = fromNotebookData({
      cells: [
        {
          kind: CELL_KIND_CODE,
          value: 'x',
          languageId: 'typescript',
          outputs: [
            {
              items: [
                { mime: 'application/vnd.code.notebook.stderr', data: utf8('warn\n') },
                { mime: 'application/vnd.code.notebook.error', data: utf8(error) },
                { mime: 'application/vnd.nnbook.loss+json', data: utf8('{"loss":[1]}') },
                { mime: 'image/png', data: new Uint8Array([0x89, 0x50]) },
                { mime: 'text/plain', data: new Uint8Array([0xff]) },
              ],
            },
          ],
          executionSummary: { executionOrder: 1, success: true },
        },
      ],
    });
    assert.deepEqual(nb.cells[0].outputs[0].items, [
      { mime: 'application/vnd.code.notebook.stderr', data: 'warn\n' },
      { mime: 'application/vnd.code.notebook.error', data: error },
      { mime: 'application/vnd.nnbook.loss+json', data: '{"loss":[1]}' },
      { mime: 'image/png', data: 'iVA=', encoding: 'base64' },
      { mime: 'text/plain', data: '/w==', encoding: 'base64' },
    ]);
    assert.deepEqual(nb.cells[0].metadata, { execution: { executionOrder: 1, success: true } });
    assert.deepEqual(nb.metadata, {});
  });

  it('keeps the kernel controller\'s own output metadata (`nnbook: { displayId, ms }`)', () => {
    const nb = fromNotebookData({
      cells: [{ kind: CELL_KIND_CODE, value: '', languageId: 'typescript', outputs: [
        { items: [{ mime: 'text/plain', data: utf8('1') }], metadata: { nnbook: { displayId: 'd', ms: 1.5 } } },
      ] }],
    });
    assert.deepEqual(nb.cells[0].outputs[0].metadata, { nnbook: { displayId: 'd', ms: 1.5 } });
  });

  it('ignores kept item fields once the item at that place has a different mime', () => {
    const data = toNotebookData(sample);
    data.cells[1].outputs![1].items[2] = { mime: 'text/plain', data: utf8('new') };
    assert.deepEqual(fromNotebookData(data).cells[1].outputs[1].items[2], { mime: 'text/plain', data: 'new' });
  });

  it('round-trips random notebooks through editor data (property)', () => {
    const wellFormed = (nb: NotebookModel) =>
      nb.cells.every((c) => c.outputs.every((o) => o.items.every((i) => i.encoding === 'base64' || !LONE_SURROGATE.test(i.data))));
    fc.assert(
      fc.property(notebook.filter(wellFormed), (nb) => {
        const back = fromNotebookData(throughEditor(toNotebookData(nb)));
        assert.deepStrictEqual(back, nb);
        assert.equal(serializeNotebook(back), serializeNotebook(nb));
      }),
      { numRuns: 200 },
    );
  });
});
