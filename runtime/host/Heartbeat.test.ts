import * as assert from 'node:assert/strict';
import type { FromKernel } from '../../src/kernel/protocol';
import { Heartbeat } from './Heartbeat';

describe('Heartbeat (kernel side)', () => {
  it('beats on start, from its timer while the loop is free, and not after stop', async () => {
    const sent: FromKernel[] = [];
    const beat = new Heartbeat((m) => sent.push(m), 20);
    beat.pulse();
    assert.equal(sent.length, 0, 'no beats while no cell runs');
    beat.start();
    assert.equal(sent.length, 1);
    await new Promise((r) => setTimeout(r, 75));
    beat.stop();
    const n = sent.length;
    assert.ok(n >= 3, `timer beats: ${n}`);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(sent.length, n);
    assert.ok(sent.every((m) => m.type === 'heartbeat'));
  });

  it('goes silent while the event loop is blocked, except where the cell pulses', () => {
    const sent: FromKernel[] = [];
    const beat = new Heartbeat((m) => sent.push(m), 10);
    beat.start();
    const spinUntil = (ms: number) => { const t = performance.now() + ms; while (performance.now() < t) { /* busy */ } };
    spinUntil(40);
    assert.equal(sent.length, 1, 'a busy loop: the timer cannot fire');
    beat.pulse();
    assert.equal(sent.length, 2, 'an await in the cell pulses');
    beat.pulse();
    assert.equal(sent.length, 2, 'at most one beat per period');
    beat.stop();
  });
});
