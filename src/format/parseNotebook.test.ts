import * as assert from 'node:assert/strict';
import { NnbookFormatError, parseNotebook } from './index';

const doc = (value: unknown) => JSON.stringify(value);

describe('format: parseNotebook', () => {
  it('reads an empty or blank file as a new empty notebook', () => {
    for (const input of ['', '  \n\t\r\n', '\uFEFF', new Uint8Array(0), new Uint8Array([0xef, 0xbb, 0xbf, 0x0a])]) {
      assert.deepEqual(parseNotebook(input), { metadata: {}, cells: [] });
    }
  });

  it('reads source as a string or as an array of lines', () => {
    const nb = parseNotebook(
      doc({ nnbook: 1, cells: [{ kind: 'code', source: 'a\nb' }, { kind: 'code', source: ['a\n', 'b'] }, { kind: 'code', source: [] }] }),
    );
    assert.equal(nb.cells[0].source, 'a\nb');
    assert.equal(nb.cells[1].source, 'a\nb');
    assert.equal(nb.cells[2].source, '');
  });

  it('concatenates hand-written lines as they are', () => {
    const nb = parseNotebook(doc({ nnbook: 1, cells: [{ kind: 'code', source: ['a', 'b\r\n', 'c'] }] }));
    assert.equal(nb.cells[0].source, 'ab\r\nc');
  });

  it('fills in defaults: language by kind, empty metadata and outputs', () => {
    const nb = parseNotebook(doc({ nnbook: 1, cells: [{ kind: 'code', source: '' }, { kind: 'markdown', source: '' }] }));
    assert.deepEqual(nb, {
      metadata: {},
      cells: [
        { kind: 'code', language: 'typescript', source: '', outputs: [], metadata: {} },
        { kind: 'markdown', language: 'markdown', source: '', outputs: [], metadata: {} },
      ],
    });
  });

  it('accepts javascript code cells', () => {
    const nb = parseNotebook(doc({ nnbook: 1, cells: [{ kind: 'code', language: 'javascript', source: '' }] }));
    assert.equal(nb.cells[0].language, 'javascript');
  });

  it('keeps unknown fields at the top, cell, output and item level, in order', () => {
    const nb = parseNotebook(
      doc({
        zTop: 1,
        nnbook: 1,
        aTop: { deep: [null, { x: 'y' }] },
        cells: [
          {
            kind: 'code',
            tags: ['slow'],
            source: '',
            outputs: [{ items: [{ mime: 'text/plain', data: 'hi', lang: 'en' }], transient: false }],
            '': 'empty key',
          },
        ],
      }),
    );
    assert.deepEqual(nb.extra, { zTop: 1, aTop: { deep: [null, { x: 'y' }] } });
    assert.deepEqual(Object.keys(nb.extra!), ['zTop', 'aTop']);
    assert.deepEqual(nb.cells[0].extra, { tags: ['slow'], '': 'empty key' });
    assert.deepEqual(nb.cells[0].outputs[0].extra, { transient: false });
    assert.deepEqual(nb.cells[0].outputs[0].items[0].extra, { lang: 'en' });
  });

  it('sets no `extra` when there are no unknown fields', () => {
    const nb = parseNotebook(doc({ nnbook: 1, cells: [{ kind: 'code', source: '', outputs: [{ items: [{ mime: 'text/plain', data: '' }] }] }] }));
    assert.ok(!('extra' in nb));
    assert.ok(!('extra' in nb.cells[0]));
    assert.ok(!('extra' in nb.cells[0].outputs[0]));
    assert.ok(!('extra' in nb.cells[0].outputs[0].items[0]));
  });

  it('holds JSON-mime data as compact JSON text; a string is the text itself', () => {
    const nb = parseNotebook(
      doc({
        nnbook: 1,
        cells: [
          {
            kind: 'code',
            source: '',
            outputs: [
              {
                items: [
                  { mime: 'application/vnd.nnbook.loss+json', data: { loss: [1, 0.5] } },
                  { mime: 'application/json', data: 'not json' },
                  { mime: 'application/json', data: 3 },
                  { mime: 'application/vnd.code.notebook.error', data: '{"name":"Error"}' },
                  { mime: 'image/png', encoding: 'base64', data: 'aGk=' },
                ],
              },
            ],
          },
        ],
      }),
    );
    assert.deepEqual(nb.cells[0].outputs[0].items, [
      { mime: 'application/vnd.nnbook.loss+json', data: '{"loss":[1,0.5]}' },
      { mime: 'application/json', data: 'not json' },
      { mime: 'application/json', data: '3' },
      { mime: 'application/vnd.code.notebook.error', data: '{"name":"Error"}' },
      { mime: 'image/png', data: 'aGk=', encoding: 'base64' },
    ]);
  });

  it('reads bytes and strings alike, keeping \\r\\n inside source verbatim', () => {
    const text = doc({ nnbook: 1, cells: [{ kind: 'markdown', source: ['é\r\n', '😀'] }] });
    assert.deepEqual(parseNotebook(new TextEncoder().encode(text)), parseNotebook(text));
    assert.equal(parseNotebook(text).cells[0].source, 'é\r\n😀');
  });

  it('gives shape errors a path, syntax errors a line and column', () => {
    assert.throws(
      () => parseNotebook(doc({ nnbook: 1, cells: [{ kind: 'code', source: '', outputs: [{ items: [{ mime: 1, data: '' }] }] }] })),
      (e: unknown) => e instanceof NnbookFormatError && e.path === 'cells[0].outputs[0].items[0].mime' && e.line === undefined,
    );
    assert.throws(
      () => parseNotebook('{\n  "nnbook": 1,,\n}'),
      (e: unknown) => e instanceof NnbookFormatError && e.line === 2 && e.column === 15 && e.path === undefined,
    );
  });
});
