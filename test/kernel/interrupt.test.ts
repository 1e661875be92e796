import * as assert from 'assert';
import type { KernelSession } from '../../src/kernel/KernelSession';
import { newSession, ok, run } from './harness';

describe('node kernel: interrupt and restart', () => {
  let s: KernelSession;
  beforeEach(async () => { s = newSession({ interruptGraceMs: 1500 }); await s.start(); });
  afterEach(() => s.dispose());

  it('interrupts an awaiting cell cooperatively and keeps the variables', async () => {
    await ok(s, 'const kept = 41;');
    const running = run(s, "console.log('waiting');\nawait new Promise((r) => setTimeout(r, 60_000));", (m) => { if (m.type === 'stream') s.interrupt(); });
    const r = await running;
    assert.ok(r.result.status === 'interrupted' && r.result.how === 'cooperative' && !r.result.stateLost, JSON.stringify(r.result));
    assert.strictEqual((await ok(s, 'kept + 1')).text, '42');
  });

  it('stops `while (true) {}` by restarting the kernel, and says the state was lost', async () => {
    await ok(s, 'const lost = 1;');
    const r = await run(s, "console.log('spinning');\nwhile (true) {}", (m) => { if (m.type === 'stream') s.interrupt(); });
    assert.ok(r.result.status === 'interrupted' && r.result.how === 'forced' && r.result.stateLost, JSON.stringify(r.result));
    const after = await run(s, 'lost');
    assert.ok(after.result.status === 'error' && after.result.name === 'ReferenceError', JSON.stringify(after.result));
    assert.strictEqual((await ok(s, '1 + 1')).text, '2', 'the new kernel runs cells');
  });

  it('stops model.fit between batches; the model stays usable', async () => {
    await ok(s, `const model = tf.sequential({ layers: [tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const xs = tf.randomNormal([256, 4]);
const ys = tf.randomNormal([256, 1]);`);
    const r = await run(s, `let batches = 0;
await model.fit(xs, ys, { epochs: 100000, batchSize: 8, callbacks: { onBatchEnd: async () => { if (++batches === 3) console.log('training'); } } });`,
    (m) => { if (m.type === 'stream') s.interrupt(); });
    assert.ok(r.result.status === 'interrupted' && r.result.how === 'cooperative', JSON.stringify(r.result));
    const p = await ok(s, 'const pred = model.predict(tf.ones([1, 4])) as tf.Tensor;\npred.shape.join("x") + " " + Number.isFinite(pred.dataSync()[0])');
    assert.strictEqual(p.text, "'1x1 true'");
    assert.ok(Number((await ok(s, 'batches')).text) >= 3);
  });

  it('drops queued cells when interrupted', async () => {
    const first = run(s, "console.log('go');\nawait new Promise((r) => setTimeout(r, 60_000));", (m) => { if (m.type === 'stream') s.interrupt(); });
    const second = run(s, '"should not run"');
    assert.strictEqual((await first).result.status, 'interrupted');
    assert.strictEqual((await second).result.status, 'cancelled');
  });

  it('restart clears every binding and runs again', async () => {
    await ok(s, 'const before = tf.ones([10]);');
    await s.restart();
    const r = await run(s, 'before');
    assert.ok(r.result.status === 'error' && r.result.name === 'ReferenceError');
    assert.strictEqual((await ok(s, 'tf.memory().numTensors')).text, '0');
  });

  it('runs queued cells in order', async () => {
    const order: string[] = [];
    const cells = ['a', 'b', 'c', 'd'].map((x, i) => run(s, `await new Promise((r) => setTimeout(r, ${(4 - i) * 15}));\n'${x}'`).then((r) => order.push(r.text ?? '?')));
    await Promise.all(cells);
    assert.deepStrictEqual(order, ["'a'", "'b'", "'c'", "'d'"]);
  });
});

describe('node kernel: interrupt while the kernel starts', () => {
  it('cancels a cell whose kernel is still starting, before it runs', async () => {
    const s = newSession();
    try {
      // Interrupt just after the cell left the queue: the worker is still loading tfjs,
      // so the cell waits for the kernel and has not been sent.
      const result = await s.run({ source: 'while (true) {}', label: 'cell 1', onOutput: () => undefined, onStart: () => { setImmediate(() => s.interrupt()); } });
      assert.ok(result.status === 'interrupted' && result.how === 'cooperative', JSON.stringify(result));
      // and at the very moment it leaves the queue
      const again = await s.run({ source: 'while (true) {}', label: 'cell 2', onOutput: () => undefined, onStart: () => s.interrupt() });
      assert.ok(again.status === 'interrupted' && again.how === 'cooperative', JSON.stringify(again));
      assert.strictEqual((await ok(s, '6 * 7')).text, '42', 'the kernel runs the next cell');
    } finally {
      s.dispose();
    }
  });
});
