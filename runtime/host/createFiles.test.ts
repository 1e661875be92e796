import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { createFiles } from './createFiles';
import { HostClient } from './HostClient';
import { testHost, type TestHost } from './testHost';

describe('nn.files (real host services over a temp folder)', () => {
  let t: TestHost;
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { t = testHost(); baseline = tf.memory().numTensors; });
  afterEach(() => t.cleanup());

  it('writes text and bytes, reads them back', async () => {
    const files = createFiles(tf, t.host);
    await files.write('notes/hello.txt', 'héllo ✓\n');
    assert.equal(fs.readFileSync(path.join(t.root, 'notes/hello.txt'), 'utf8'), 'héllo ✓\n');
    assert.equal(await files.read('notes/hello.txt'), 'héllo ✓\n');
    await files.write('b.bin', new Float32Array([1.5, -2]));
    const back = await files.readBytes('b.bin');
    assert.deepEqual(Array.from(new Float32Array(back.buffer, back.byteOffset, 2)), [1.5, -2]);
    await files.write('c.bin', new Uint8Array([1, 2, 3]).buffer);
    assert.deepEqual(Array.from(await files.readBytes('c.bin')), [1, 2, 3]);
  });

  it('names the call in every refusal, and rejects bad arguments', async () => {
    const files = createFiles(tf, t.host);
    await assert.rejects(files.read('../outside.txt'), /^Error: nn\.files\.read: '\.\.\/outside\.txt' is outside the workspace folder /);
    await assert.rejects(files.write('/etc/nnbook-test', 'x'), /^Error: nn\.files\.write: '\/etc\/nnbook-test' is outside the workspace folder/);
    await assert.rejects(files.read('missing.csv'), /nn\.files\.read: 'missing\.csv' does not exist/);
    await assert.rejects(files.read(42 as unknown as string), /nn\.files\.read: expected a path .* got number/);
    await assert.rejects(files.write('x.json', { a: 1 } as unknown as string), /nn\.files\.write: expected a string or bytes .* JSON\.stringify/);
    fs.writeFileSync(path.join(t.root, 'bin.dat'), Buffer.from([0xff, 0xfe, 0x00]));
    await assert.rejects(files.read('bin.dat'), /not UTF-8 text; nn\.files\.readBytes/);
  });

  it('csv(): a tf.data.CSVDataset over a workspace file, label columns and all; no tensor left', async () => {
    fs.mkdirSync(path.join(t.root, 'data'));
    fs.writeFileSync(path.join(t.root, 'data/traffic.csv'), 'hour,temp,cars\n0,10.5,120\n1,11,95\n2,9.5,80\n');
    const files = createFiles(tf, t.host);
    const ds = await files.csv('data/traffic.csv', { columnConfigs: { cars: { isLabel: true } } });
    assert.deepEqual(await ds.columnNames(), ['hour', 'temp', 'cars']);
    const rows = await ds.toArray() as unknown as Array<{ xs: Record<string, number>; ys: Record<string, number> }>;
    assert.deepEqual(rows, [{ xs: { hour: 0, temp: 10.5 }, ys: { cars: 120 } }, { xs: { hour: 1, temp: 11 }, ys: { cars: 95 } }, { xs: { hour: 2, temp: 9.5 }, ys: { cars: 80 } }]);
    const batches = ds.map((r) => { const { xs, ys } = r as unknown as { xs: Record<string, number>; ys: Record<string, number> }; return { xs: Object.values(xs), ys: Object.values(ys) }; }).batch(2);
    let seen = 0;
    await batches.forEachAsync((b) => {
      const { xs } = b as unknown as { xs: tf.Tensor };
      seen += xs.shape[0];
      tf.dispose(b as unknown as tf.TensorContainer);
    });
    assert.equal(seen, 3);
    assert.equal(tf.memory().numTensors, baseline);
  });
});

describe('nn.files.write: what reaches the host', () => {
  it('sends a view into a larger buffer as exactly its own bytes', async () => {
    const sent: Uint8Array[] = [];
    const host = new HostClient((m) => {
      if (m.type === 'host' && m.data) sent.push(m.data);
      if (m.type === 'host') host.settle({ type: 'host-reply', req: m.req, ok: true });
    });
    const big = new Uint8Array([9, 9, 1, 2, 3, 9]);
    await createFiles(tf, host).write('x.bin', big.subarray(2, 5));
    assert.equal(sent[0].byteOffset, 0);
    assert.equal(sent[0].buffer.byteLength, 3);
    assert.deepEqual(Array.from(sent[0]), [1, 2, 3]);
  });
});
