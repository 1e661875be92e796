import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './harness';

const BIN = path.join(ROOT, 'bin/nnbook.js');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function notebook(...sources: string[]): string {
  return JSON.stringify({ nnbook: 1, metadata: {}, cells: [{ kind: 'markdown', language: 'markdown', source: '# t' }, ...sources.map((s) => ({ kind: 'code', language: 'typescript', source: s }))] }, null, 2) + '\n';
}

describe('CLI: nnbook run', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-cli-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

  it('runs every cell, prints one line per cell and writes outputs with --out', () => {
    const src = file('ok.nnbook', notebook('const a = 20;', 'console.log("hi");\na + 22'));
    const out = path.join(dir, 'out.nnbook');
    const r = cli('run', src, '--out', out);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /\[1\/2\] cell 2 .* ok\n\[2\/2\] cell 3 .* ok\n/);
    const nb = JSON.parse(fs.readFileSync(out, 'utf8'));
    const outputs = nb.cells[2].outputs;
    assert.deepStrictEqual(outputs.map((o: { items: { mime: string }[] }) => o.items[0].mime), ['application/vnd.code.notebook.stdout', 'text/plain']);
    assert.strictEqual(outputs[0].items[0].data, 'hi\n');
    assert.strictEqual(outputs[1].items[0].data, '42');
    assert.strictEqual(typeof outputs[1].metadata.nnbook.tensorsDelta, 'number');
    assert.strictEqual(fs.readFileSync(src, 'utf8'), notebook('const a = 20;', 'console.log("hi");\na + 22'), 'the input is untouched');
  });

  it('exits 1 when a cell fails, naming the cell and its mapped line', () => {
    const src = file('bad.nnbook', notebook('const a = 1;', 'const b = 2;\nthrow new Error("nope");', '"never"'));
    const r = cli('run', src, '--inplace');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /cell 3 failed/);
    assert.match(r.stderr, /Error: nope\n\s+at cell 3:2:7/);
    const nb = JSON.parse(fs.readFileSync(src, 'utf8'));
    assert.strictEqual(nb.cells.length, 4, 'in-place write kept every cell');
    assert.match(nb.cells[2].outputs[0].items[0].mime, /notebook\.error/);
    assert.deepStrictEqual(nb.cells[3].outputs, [], 'the cell after the failure did not run');
  });

  it('exits 2 on malformed input and writes nothing', () => {
    const text = '{"nnbook": 1, "cells": [ {"kind": "code", "source": 3} ]}';
    const src = file('malformed.nnbook', text);
    const out = path.join(dir, 'never.nnbook');
    for (const flags of [['--inplace'], ['--out', out]]) {
      const r = cli('run', src, ...flags);
      assert.strictEqual(r.code, 2, r.stderr);
      assert.match(r.stderr, /cells\[0\]\.source/);
      assert.strictEqual(fs.readFileSync(src, 'utf8'), text);
      assert.ok(!fs.existsSync(out));
    }
  });

  it('exits 2 on bad JSON with a line and column, on a missing file, and on bad arguments', () => {
    const src = file('json.nnbook', '{\n  "nnbook": 1,\n  "cells": [,]\n}\n');
    const r = cli('run', src);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /line 3, column 13/);
    assert.strictEqual(cli('run', path.join(dir, 'missing.nnbook')).code, 2);
    assert.strictEqual(cli('run').code, 2);
    assert.strictEqual(cli('run', src, '--timeout', 'soon').code, 2);
    assert.strictEqual(cli('run', src, '--out', 'x', '--inplace').code, 2);
    assert.strictEqual(cli('frobnicate', src).code, 2);
    assert.deepStrictEqual(fs.readdirSync(dir), ['json.nnbook'], 'nothing was written');
  });

  it('fails a cell that runs past --timeout', () => {
    const src = file('slow.nnbook', notebook('await new Promise((r) => setTimeout(r, 60_000));'));
    const r = cli('run', src, '--timeout', '1');
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /TimeoutError/);
  });

  it('runs an empty file as an empty notebook', () => {
    const src = file('empty.nnbook', '');
    const r = cli('run', src);
    assert.strictEqual(r.code, 0, r.stderr);
  });
});
