import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { KernelSession } from '../../src/kernel/KernelSession';
import { newSession, numTensors, ok, run } from './harness';

describe('node kernel: nn.files and nnbook:// models (real worker, real temp folder)', () => {
  let base: string;
  let root: string;
  let s: KernelSession;
  beforeEach(async () => {
    base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-kfiles-')));
    root = path.join(base, 'ws');
    fs.mkdirSync(path.join(root, 'data'), { recursive: true });
    fs.writeFileSync(path.join(root, 'data/traffic.csv'), 'hour,cars\n0,120\n1,95\n2,80\n3,60\n');
    fs.writeFileSync(path.join(base, 'secret.txt'), 'secret');
    s = newSession({ workspaceRoot: root });
    await s.start();
  });
  afterEach(() => { s.dispose(); fs.rmSync(base, { recursive: true, force: true }); });

  it('reads, writes and streams a CSV from a cell', async () => {
    assert.strictEqual((await ok(s, "(await nn.files.read('data/traffic.csv')).split('\\n')[1]")).text, "'0,120'");
    await ok(s, "await nn.files.write('out/summary.json', JSON.stringify({ rows: 4 }));\nawait nn.files.write('out/raw.bin', new Uint8Array([7, 8, 9]));");
    assert.strictEqual(fs.readFileSync(path.join(root, 'out/summary.json'), 'utf8'), '{"rows":4}');
    assert.strictEqual((await ok(s, "Array.from(await nn.files.readBytes('out/raw.bin')).join(',')")).text, "'7,8,9'");
    const t0 = await numTensors(s);
    const r = await ok(s, `const ds = await nn.files.csv('data/traffic.csv', { columnConfigs: { cars: { isLabel: true } } });
let total = 0;
await ds.batch(3).forEachAsync((b: any) => { total += tf.tidy(() => (b.ys.cars as tf.Tensor).sum().dataSync()[0]); tf.dispose(b); });
total`);
    assert.strictEqual(r.text, '355');
    assert.strictEqual(await numTensors(s), t0, 'the CSV batches were disposed');
  });

  it('refuses paths outside the workspace with an error in the cell', async () => {
    const r = await run(s, "await nn.files.read('../secret.txt')");
    assert.ok(r.result.status === 'error', JSON.stringify(r.result));
    assert.strictEqual(r.result.message, `nn.files.read: '../secret.txt' is outside the workspace folder ${root}; nn.files reads and writes only inside it`);
    assert.match(r.result.stack, /cell \d+:1/, 'the error points at the cell line');
    const w = await run(s, `await nn.files.write(${JSON.stringify(path.join(base, 'planted.txt'))}, 'x')`);
    assert.ok(w.result.status === 'error' && /outside the workspace folder/.test(w.result.message), JSON.stringify(w.result));
    assert.strictEqual(fs.existsSync(path.join(base, 'planted.txt')), false);
    fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link.txt'));
    const l = await run(s, "await nn.files.read('link.txt')");
    assert.ok(l.result.status === 'error' && /outside the workspace folder .*it leads to/.test(l.result.message), JSON.stringify(l.result));
  });

  it('saves a model in one kernel and loads it, same predictions, in another', async () => {
    await ok(s, `nn.seed(1);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [2], activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);
await model.fit(xs, ys, { epochs: 50, verbose: 0 });
await model.save('nnbook://models/xor');`);
    const before = (await ok(s, 'Array.from((model.predict(xs) as tf.Tensor).dataSync()).map((v) => v.toFixed(6)).join(" ")')).text;
    assert.deepStrictEqual(fs.readdirSync(path.join(root, 'models/xor')).sort(), ['model.json', 'weights.bin']);

    const other = newSession({ workspaceRoot: root });
    try {
      await other.start();
      const t0 = await numTensors(other);
      const after = (await ok(other, `const loaded = await tf.loadLayersModel('nnbook://models/xor');
const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const p = tf.tidy(() => Array.from((loaded.predict(xs) as tf.Tensor).dataSync()));
p.map((v) => v.toFixed(6)).join(" ")`)).text;
      assert.strictEqual(after, before);
      await ok(other, 'loaded.dispose(); xs.dispose();');
      assert.strictEqual(await numTensors(other), t0, 'no tensor left after disposing the loaded model');
      const refused = await run(other, "await tf.loadLayersModel('nnbook://../elsewhere')");
      assert.ok(refused.result.status === 'error' && /loading 'nnbook:\/\/\.\.\/elsewhere': '\.\.\/elsewhere\/model\.json' is outside the workspace folder/.test(refused.result.message), JSON.stringify(refused.result));
    } finally {
      other.dispose();
    }
  });

  it('refuses every file request of a kernel started without a workspace folder', async () => {
    const none = newSession({ noWorkspaceReason: 'untitled.nnbook is in no open workspace folder' });
    try {
      await none.start();
      const r = await run(none, "await nn.files.read('data/traffic.csv')");
      assert.ok(r.result.status === 'error' && r.result.message === 'nn.files.read: untitled.nnbook is in no open workspace folder', JSON.stringify(r.result));
    } finally {
      none.dispose();
    }
  });
});
