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
  return JSON.stringify({ nnbook: 1, metadata: {}, cells: sources.map((s) => ({ kind: 'code', language: 'typescript', source: s })) }) + '\n';
}

describe('CLI: nnbook run, the workspace folder of nn.files', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-cliws-')));
    fs.mkdirSync(path.join(dir, 'course/data'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.writeFileSync(path.join(dir, 'course/data/a.csv'), 'x\n1\n2\n');
    fs.writeFileSync(path.join(dir, 'shared/b.txt'), 'shared text');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("is the notebook's folder by default: reads beside it, refuses the folder above", () => {
    const nb = path.join(dir, 'course/nb.nnbook');
    fs.writeFileSync(nb, notebook("(await nn.files.read('data/a.csv')).trim().split('\\n').length", "await nn.files.write('out/n.txt', 'written')"));
    const r = cli('run', nb, '--inplace');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(fs.readFileSync(nb, 'utf8')).cells[0].outputs[0].items[0].data, '3');
    assert.strictEqual(fs.readFileSync(path.join(dir, 'course/out/n.txt'), 'utf8'), 'written');
    fs.writeFileSync(nb, notebook("await nn.files.read('../shared/b.txt')"));
    const refused = cli('run', nb);
    assert.strictEqual(refused.code, 1);
    assert.match(refused.stderr, new RegExp(`nn\\.files\\.read: '\\.\\./shared/b\\.txt' is outside the workspace folder ${path.join(dir, 'course').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('is --workspace DIR when given; a missing folder is bad input', () => {
    const nb = path.join(dir, 'course/nb.nnbook');
    fs.writeFileSync(nb, notebook("await nn.files.read('shared/b.txt')"));
    const r = cli('run', nb, '--workspace', dir, '--out', path.join(dir, 'out.nnbook'));
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(JSON.parse(fs.readFileSync(path.join(dir, 'out.nnbook'), 'utf8')).cells[0].outputs[0].items[0].data, "'shared text'");
    const missing = cli('run', nb, '--workspace', path.join(dir, 'nope'));
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /--workspace .*nope: not a folder/);
  });
});
