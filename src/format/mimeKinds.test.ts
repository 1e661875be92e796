import * as assert from 'node:assert/strict';
import { isJsonMime, isTextMime } from './mimeKinds';

describe('format: mime kinds', () => {
  it('JSON mimes: +json and application/json, parameters and case ignored', () => {
    for (const mime of ['application/json', 'application/vnd.nnbook.loss+json', 'Application/JSON; charset=utf-8', 'application/vnd.vegalite.v5+json']) {
      assert.equal(isJsonMime(mime), true, mime);
    }
    for (const mime of ['text/plain', 'application/jsonl', 'application/json-seq', 'application/vnd.code.notebook.error']) {
      assert.equal(isJsonMime(mime), false, mime);
    }
  });

  it('text mimes: text/*, JSON, XML, JavaScript and VS Code streams', () => {
    for (const mime of ['text/plain', 'text/html', 'application/json', 'image/svg+xml', 'application/javascript', 'application/vnd.code.notebook.stdout', 'application/vnd.code.notebook.error']) {
      assert.equal(isTextMime(mime), true, mime);
    }
    for (const mime of ['image/png', 'application/octet-stream', 'application/pdf']) {
      assert.equal(isTextMime(mime), false, mime);
    }
  });
});
