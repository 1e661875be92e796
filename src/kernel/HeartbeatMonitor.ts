/**
 * How long a running cell's kernel may be silent (no heartbeat, no output) before the
 * editor says it is not responding. The kernel beats every second while a cell runs and
 * at every await, so only a loop that never awaits (`while (true) {}`) or one synchronous
 * call that long (a huge matMul on CPU) is silent; 10 s is well past the slow tfjs calls
 * of the curriculum's models and short enough that someone staring at a stuck cell is told.
 */
export const NOT_RESPONDING_MS = 10_000;

/** How a running kernel is doing, as the host sees it. */
export interface Responsiveness {
  responding: boolean;
  /** Milliseconds since the kernel last said anything. */
  silentMs: number;
}

/** The clock the monitor reads; a fake one in tests. */
export interface MonitorClock {
  now(): number;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const realClock: MonitorClock = {
  now: () => performance.now(),
  setInterval: (fn, ms) => { const h = setInterval(fn, ms); (h as { unref?: () => void }).unref?.(); return h; },
  clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
};

/**
 * The host's side of the heartbeat: while a cell runs, notices when the kernel has said
 * nothing for `silentMs` and reports `{responding: false}` once, then `{responding: true}`
 * once it speaks again or the cell ends. Tells a hung kernel from a busy one, which
 * still beats.
 *
 * @example
 * const monitor = new HeartbeatMonitor((r) => { if (!r.responding) offerForceStop(); });
 * monitor.begin();          // a cell was sent
 * worker.on('message', () => monitor.alive());
 * monitor.end();            // the cell ended
 */
export class HeartbeatMonitor {
  private last = 0;
  private timer: unknown;
  private flagged = false;
  private readonly silentMs: number;
  private readonly clock: MonitorClock;

  constructor(private readonly onChange: (r: Responsiveness) => void, options: { silentMs?: number; clock?: MonitorClock } = {}) {
    this.silentMs = options.silentMs ?? NOT_RESPONDING_MS;
    if (!(this.silentMs > 0)) throw new Error(`HeartbeatMonitor: silentMs must be a positive number of milliseconds, got ${options.silentMs}`);
    this.clock = options.clock ?? realClock;
  }

  /** A cell started running: watch from now. */
  begin(): void {
    this.end();
    this.last = this.clock.now();
    // checked a few times per period, so the report comes at most a quarter period late
    this.timer = this.clock.setInterval(() => this.check(), Math.min(1000, this.silentMs / 4));
  }

  /** The kernel said something (any message). */
  alive(): void {
    this.last = this.clock.now();
    if (this.flagged) {
      this.flagged = false;
      this.onChange({ responding: true, silentMs: 0 });
    }
  }

  /** The cell ended (or the kernel was stopped): stop watching. */
  end(): void {
    if (this.timer !== undefined) this.clock.clearInterval(this.timer);
    this.timer = undefined;
    if (this.flagged) {
      this.flagged = false;
      this.onChange({ responding: true, silentMs: 0 });
    }
  }

  private check(): void {
    const silent = this.clock.now() - this.last;
    if (!this.flagged && silent >= this.silentMs) {
      this.flagged = true;
      this.onChange({ responding: false, silentMs: silent });
    }
  }
}
