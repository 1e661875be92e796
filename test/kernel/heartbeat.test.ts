import * as assert from 'assert';
import type { Responsiveness } from '../../src/kernel/HeartbeatMonitor';
import { newSession, ok, run } from './harness';

describe('node kernel: heartbeat and forced stop of a hung cell', () => {
  it('`while (true) {}` goes silent → not responding → forced interrupt → the next cell runs', async () => {
    // A grace period of a minute: only the forced interrupt can end the cell in time.
    const s = newSession({ notRespondingMs: 1500, interruptGraceMs: 60_000 });
    try {
      await s.start();
      const seen: Array<Responsiveness & { at: number }> = [];
      const t0 = Date.now();
      s.onResponsiveness((r) => {
        seen.push({ ...r, at: Date.now() - t0 });
        if (!r.responding) s.interrupt({ force: true });
      });
      const r = await run(s, "console.log('spinning');\nwhile (true) {}");
      assert.ok(r.result.status === 'interrupted' && r.result.how === 'forced' && r.result.stateLost, JSON.stringify(r.result));
      assert.strictEqual(seen[0]?.responding, false, JSON.stringify(seen));
      assert.ok(seen[0].silentMs >= 1500, `reported after ${seen[0].silentMs} ms of silence`);
      assert.ok(Date.now() - t0 < 30_000, 'stopped long before the grace period');
      assert.strictEqual(seen[seen.length - 1].responding, true, 'cleared when the cell ended');
      assert.strictEqual((await ok(s, '6 * 7')).text, '42', 'a fresh kernel runs the next cell');
    } finally {
      s.dispose();
    }
  });

  it('a busy cell that keeps awaiting, and a long model.fit, are never reported', async () => {
    const s = newSession({ notRespondingMs: 1500 });
    try {
      await s.start();
      const seen: Responsiveness[] = [];
      s.onResponsiveness((r) => seen.push(r));
      // busy for ~3 s in 20 ms slices, each followed by an await of a settled promise (no task yielded)
      await ok(s, `const end = performance.now() + 3000;
while (performance.now() < end) { const t = performance.now() + 20; while (performance.now() < t) {} await Promise.resolve(); }`);
      await ok(s, `const m = tf.sequential({ layers: [tf.layers.dense({ units: 64, inputShape: [32], activation: 'relu' }), tf.layers.dense({ units: 1 })] });
m.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
const x = tf.randomNormal([2048, 32]); const y = tf.randomNormal([2048, 1]);
const t1 = performance.now();
while (performance.now() - t1 < 3000) await m.fit(x, y, { epochs: 1, batchSize: 32, verbose: 0 });
tf.dispose([x, y]); m.dispose();`);
      assert.deepStrictEqual(seen, []);
    } finally {
      s.dispose();
    }
  });
});
