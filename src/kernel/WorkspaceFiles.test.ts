import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { WorkspaceFileError, WorkspaceFiles } from './WorkspaceFiles';
import { workspaceHostServices } from './hostServices';

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('WorkspaceFiles', () => {
  let base: string;
  let root: string;
  let outside: string;
  let files: WorkspaceFiles;

  beforeEach(() => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-ws-')));
    root = path.join(base, 'ws');
    outside = path.join(base, 'elsewhere');
    fs.mkdirSync(path.join(root, 'data'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'data', 'a.csv'), 'x,y\n1,2\n');
    fs.writeFileSync(path.join(outside, 'secret.txt'), 'secret');
    files = new WorkspaceFiles(root);
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const refused = async (p: Promise<unknown>, pattern: RegExp) => {
    await assert.rejects(p, (err: unknown) => {
      assert.ok(err instanceof WorkspaceFileError, String(err));
      assert.match(err.message, pattern);
      return true;
    });
  };

  it('reads a file by a relative path and by an absolute path inside', async () => {
    assert.strictEqual(text(await files.read('data/a.csv')), 'x,y\n1,2\n');
    assert.strictEqual(text(await files.read(path.join(root, 'data/a.csv'))), 'x,y\n1,2\n');
    assert.strictEqual(text(await files.read('data/../data/./a.csv')), 'x,y\n1,2\n');
  });

  it('writes atomically, creating folders, and reads the bytes back', async () => {
    const data = new Uint8Array([0, 1, 2, 255, 128]);
    await files.write('models/xor/weights.bin', data);
    assert.deepStrictEqual(new Uint8Array(await files.read('models/xor/weights.bin')), data);
    await files.write('models/xor/weights.bin', bytes('second'));
    assert.strictEqual(text(await files.read('models/xor/weights.bin')), 'second');
    assert.deepStrictEqual(fs.readdirSync(path.join(root, 'models/xor')), ['weights.bin'], 'no temp file is left behind');
  });

  it('refuses .. and absolute paths outside the folder, naming the folder', async () => {
    const msg = new RegExp(`is outside the workspace folder ${root.replace(/[/\\^$.*+?()[\]{}|]/g, '\\$&')}`);
    await refused(files.read('../elsewhere/secret.txt'), msg);
    await refused(files.read(path.join(outside, 'secret.txt')), msg);
    await refused(files.read('/etc/passwd'), msg);
    await refused(files.write('../elsewhere/new.txt', bytes('x')), msg);
    await refused(files.write('data/../../elsewhere/new.txt', bytes('x')), msg);
    assert.strictEqual(fs.existsSync(path.join(outside, 'new.txt')), false);
    // a sibling whose name starts with the root's name is not inside it
    fs.mkdirSync(root + '2');
    fs.writeFileSync(path.join(root + '2', 'f.txt'), 'no');
    await refused(files.read(`../ws2/f.txt`), msg);
  });

  it('refuses symbolic links that lead outside, for reads and for writes through them', async () => {
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
    fs.symlinkSync(outside, path.join(root, 'out-dir'));
    await refused(files.read('link.txt'), /outside the workspace folder .*it leads to .*elsewhere/);
    await refused(files.read('out-dir/secret.txt'), /outside the workspace folder/);
    await refused(files.write('link.txt', bytes('overwritten')), /outside the workspace folder/);
    await refused(files.write('out-dir/new/deep.txt', bytes('x')), /outside the workspace folder/);
    assert.strictEqual(fs.readFileSync(path.join(outside, 'secret.txt'), 'utf8'), 'secret');
    assert.strictEqual(fs.existsSync(path.join(outside, 'new')), false);
  });

  it('follows links that stay inside, and writes to the link target', async () => {
    fs.symlinkSync(path.join(root, 'data'), path.join(root, 'd'));
    assert.strictEqual(text(await files.read('d/a.csv')), 'x,y\n1,2\n');
    fs.symlinkSync(path.join(root, 'data', 'a.csv'), path.join(root, 'alias.csv'));
    await files.write('alias.csv', bytes('new'));
    assert.strictEqual(fs.readFileSync(path.join(root, 'data', 'a.csv'), 'utf8'), 'new');
    assert.ok(fs.lstatSync(path.join(root, 'alias.csv')).isSymbolicLink(), 'the link itself stays');
  });

  it('works when the root itself is reached through a link', async () => {
    fs.symlinkSync(root, path.join(base, 'ws-link'));
    const viaLink = new WorkspaceFiles(path.join(base, 'ws-link'));
    assert.strictEqual(text(await viaLink.read('data/a.csv')), 'x,y\n1,2\n');
    await viaLink.write('out.txt', bytes('ok'));
    assert.strictEqual(fs.readFileSync(path.join(root, 'out.txt'), 'utf8'), 'ok');
  });

  it('says clearly what is missing, a folder, a dangling link, too big', async () => {
    await refused(files.read('data/nope.csv'), /'data\/nope.csv' does not exist/);
    await refused(files.read('data'), /is a folder/);
    await refused(files.write('data', bytes('x')), /is a folder/);
    fs.symlinkSync(path.join(base, 'gone'), path.join(root, 'dangling'));
    await refused(files.read('dangling'), /symbolic link to .*gone', which does not exist/);
    await refused(files.write('dangling/x.txt', bytes('x')), /symbolic link .*does not exist/);
    await refused(files.read(''), /non-empty string/);
    await refused(files.read('a\0b'), /NUL/);
    const small = new WorkspaceFiles(root, { maxBytes: 4 });
    await refused(small.read('data/a.csv'), /at most 0.00 MB can be read/);
    await refused(small.write('big.bin', new Uint8Array(5)), /at most 0.00 MB can be written/);
    assert.strictEqual(fs.existsSync(path.join(root, 'big.bin')), false);
  });

  it('replies through workspaceHostServices: ok with bytes, or the refusal as text', async () => {
    const serve = workspaceHostServices(files);
    const read = await serve({ type: 'host', req: 3, op: 'readFile', path: 'data/a.csv' });
    assert.ok(read.ok && read.req === 3 && read.data && text(read.data) === 'x,y\n1,2\n', JSON.stringify(read));
    assert.ok(!Buffer.isBuffer(read.data), 'a plain Uint8Array (a Buffer may view a shared pool)');
    const wrote = await serve({ type: 'host', req: 4, op: 'writeFile', path: 'w.txt', data: new Uint8Array([104, 105]).buffer as unknown as Uint8Array });
    assert.deepStrictEqual(wrote, { type: 'host-reply', req: 4, ok: true });
    assert.strictEqual(fs.readFileSync(path.join(root, 'w.txt'), 'utf8'), 'hi');
    const bad = await serve({ type: 'host', req: 5, op: 'readFile', path: '../elsewhere/secret.txt' });
    assert.ok(!bad.ok && /outside the workspace folder/.test(bad.error ?? ''), JSON.stringify(bad));
    const noData = await serve({ type: 'host', req: 6, op: 'writeFile', path: 'x.txt' });
    assert.ok(!noData.ok && /needs data/.test(noData.error ?? ''));
    const none = await workspaceHostServices(undefined)({ type: 'host', req: 7, op: 'readFile', path: 'a' });
    assert.ok(!none.ok && /no workspace folder/.test(none.error ?? ''));
  });
});
