import type { FromKernel } from '../../src/kernel/protocol';

/**
 * How often a kernel says it is alive while a cell runs. The host calls a kernel "not
 * responding" after several seconds of silence (src/kernel/HeartbeatMonitor.ts), so one
 * beat a second is plenty and costs nothing.
 */
export const HEARTBEAT_MS = 1000;

/**
 * The kernel's side of the heartbeat: while a cell runs, `{type:'heartbeat'}` every
 * HEARTBEAT_MS from a timer — a timer only fires when the worker's event loop is free, so
 * a `while (true) {}` goes silent — and from `pulse()` at the cell's awaits, since a cell
 * that awaits reaches interrupt checkpoints and is not hung even if it never yields a task.
 *
 * @example
 * const beat = new Heartbeat(post);
 * beat.start(); try { await runCell(); } finally { beat.stop(); }
 */
export class Heartbeat {
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;

  constructor(private readonly post: (msg: FromKernel) => void, private readonly everyMs = HEARTBEAT_MS) {}

  start(): void {
    this.stop();
    this.beat();
    this.timer = setInterval(() => this.beat(), this.everyMs);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** A beat if the last one is older than the period (cheap enough for every await). */
  pulse(): void {
    if (this.timer !== undefined && performance.now() - this.last >= this.everyMs) this.beat();
  }

  private beat(): void {
    this.last = performance.now();
    this.post({ type: 'heartbeat' });
  }
}
