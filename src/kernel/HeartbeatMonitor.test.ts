import * as assert from 'assert';
import { HeartbeatMonitor, type MonitorClock, type Responsiveness } from './HeartbeatMonitor';

/** A clock that moves only when the test says so, firing due interval callbacks. */
class FakeClock implements MonitorClock {
  private t = 0;
  private timers = new Map<number, { fn: () => void; ms: number; next: number }>();
  private ids = 0;
  now(): number { return this.t; }
  setInterval(fn: () => void, ms: number): unknown { const id = ++this.ids; this.timers.set(id, { fn, ms, next: this.t + ms }); return id; }
  clearInterval(h: unknown): void { this.timers.delete(h as number); }
  get active(): number { return this.timers.size; }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.values()].filter((x) => x.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.t = due.next;
      due.next += due.ms;
      due.fn();
    }
    this.t = end;
  }
}

describe('HeartbeatMonitor', () => {
  const setup = (silentMs = 10_000) => {
    const clock = new FakeClock();
    const seen: Responsiveness[] = [];
    return { clock, seen, monitor: new HeartbeatMonitor((r) => seen.push(r), { silentMs, clock }) };
  };

  it('says nothing while the kernel beats, however long the cell runs', () => {
    const { clock, seen, monitor } = setup();
    monitor.begin();
    for (let i = 0; i < 100; i++) { clock.advance(1000); monitor.alive(); }
    assert.strictEqual(seen.length, 0);
    monitor.end();
    assert.strictEqual(clock.active, 0);
  });

  it('reports not responding once after the silence, and responding when it speaks again', () => {
    const { clock, seen, monitor } = setup();
    monitor.begin();
    clock.advance(9_999);
    assert.strictEqual(seen.length, 0);
    clock.advance(1_001);
    assert.strictEqual(seen.length, 1);
    assert.strictEqual(seen[0].responding, false);
    assert.ok(seen[0].silentMs >= 10_000 && seen[0].silentMs <= 11_000, String(seen[0].silentMs));
    clock.advance(60_000);
    assert.strictEqual(seen.length, 1, 'once, not every check');
    monitor.alive();
    assert.deepStrictEqual(seen[1], { responding: true, silentMs: 0 });
    clock.advance(10_500);
    assert.strictEqual(seen.length, 3, 'silent again: reported again');
    monitor.end();
    assert.deepStrictEqual(seen[3], { responding: true, silentMs: 0 }, 'the cell ended (e.g. forced stop): cleared');
    assert.strictEqual(clock.active, 0);
  });

  it('watches only while a cell runs; a new cell starts a new silence', () => {
    const { clock, seen, monitor } = setup(2_000);
    clock.advance(50_000);
    monitor.alive();
    assert.strictEqual(seen.length, 0);
    monitor.begin();
    clock.advance(1_500);
    monitor.end();
    monitor.begin();
    clock.advance(1_500);
    assert.strictEqual(seen.length, 0, 'the second cell has its own clock');
    clock.advance(1_000);
    assert.strictEqual(seen.length, 1);
    monitor.end();
  });

  it('rejects a silence that is not a positive number', () => {
    assert.throws(() => new HeartbeatMonitor(() => undefined, { silentMs: 0 }), /silentMs must be a positive number/);
  });
});
