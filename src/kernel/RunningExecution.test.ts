import * as assert from 'assert';
import type { FromKernel } from './protocol';
import { RunningExecution } from './RunningExecution';

describe('RunningExecution', () => {
  it('routes its own outputs, ends once, and ignores other executions', async () => {
    const logged: string[] = [];
    const slot = new RunningExecution((l) => logged.push(l));
    const seen: FromKernel[] = [];
    const terminal = slot.begin('7', (m) => seen.push(m));
    assert.throws(() => slot.begin('8', () => undefined), /one execution at a time/);
    assert.strictEqual(slot.route({ type: 'stream', id: '7', name: 'stdout', text: 'hi\n' }), true);
    assert.strictEqual(slot.route({ type: 'stream', id: '6', name: 'stdout', text: 'late\n' }), false);
    assert.strictEqual(slot.route({ type: 'done', id: '6', ms: 1, tensorsDelta: 0, numTensors: 0 }), false);
    assert.strictEqual(slot.route({ type: 'done', id: '7', ms: 2, tensorsDelta: 1, numTensors: 3 }), true);
    slot.end({ type: 'interrupted', id: '', how: 'forced', ms: 0 }); // already ended: no effect
    const t = await terminal;
    assert.strictEqual(t.type, 'done');
    assert.deepStrictEqual(seen.map((m) => m.type), ['stream']);
    assert.deepStrictEqual(logged, ['late\n']);
    assert.strictEqual(slot.id, undefined);
  });

  it('fires the grace period only while the same execution still runs', async () => {
    const slot = new RunningExecution();
    const t = slot.begin('1', () => undefined);
    let expired: string | undefined;
    assert.strictEqual(slot.armGrace(5, (id) => { expired = id; slot.end({ type: 'interrupted', id, how: 'forced', ms: 5, stateLost: true }); }), true);
    assert.strictEqual(slot.armGrace(5, () => undefined), false, 'a second interrupt does not re-arm');
    const r = await t;
    assert.strictEqual(expired, '1');
    assert.ok(r.type === 'interrupted' && r.how === 'forced' && r.id === '1');
    const t2 = slot.begin('2', () => undefined);
    slot.armGrace(5, () => assert.fail('the execution ended before its grace period'));
    slot.route({ type: 'interrupted', id: '2', how: 'cooperative', ms: 1 });
    assert.strictEqual((await t2).type, 'interrupted');
    await new Promise((r2) => setTimeout(r2, 15));
  });

  it('cancels an execution interrupted while its kernel starts', async () => {
    const slot = new RunningExecution();
    let release!: () => void;
    const started = slot.waitForStart(() => new Promise<void>((r) => { release = r; }));
    slot.interruptStarting();
    release();
    assert.strictEqual(await started, true);
    assert.strictEqual(await slot.waitForStart(async () => undefined), false);
  });
});
