import type { StreamName } from '../../src/kernel/protocol';

/** Where flushed text goes: one call per stream per flush. */
export type StreamSink = (name: StreamName, text: string) => void;

export interface StreamLimits {
  /** Lines sent as they come, before the cap. */
  headLines: number;
  /** Lines kept (and sent at the end) after the cap. */
  tailLines: number;
  /** Characters sent as they come, before the cap. */
  headChars: number;
  /** Flush at least this often while text is waiting (ms). */
  flushMs: number;
  /** Flush early when this many characters are waiting. */
  flushChars: number;
}

export const DEFAULT_LIMITS: StreamLimits = { headLines: 5000, tailLines: 200, headChars: 2_000_000, flushMs: 20, flushChars: 64_000 };

/**
 * Buffers one cell's console output and sends it in batches, so that a cell printing a
 * million lines costs a few hundred messages, not a million. After the cap, only the
 * last `tailLines` lines are kept; `finish()` sends them with a note of what was dropped.
 *
 * Flushes are driven by size (synchronously, so a tight loop still streams) and by a
 * timer (so a slow trickle still shows while the cell runs).
 */
export class StreamBuffer {
  private pending: { name: StreamName; text: string }[] = [];
  private pendingChars = 0;
  private sentLines = 0;
  private sentChars = 0;
  private capped = false;
  private tail: { name: StreamName; line: string }[] = [];
  private droppedLines = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;

  constructor(private readonly sink: StreamSink, private readonly limits: StreamLimits = DEFAULT_LIMITS) {}

  write(name: StreamName, text: string): void {
    if (this.capped) return this.keepTail(name, text);
    const lines = countLines(text);
    if (this.sentLines + lines > this.limits.headLines || this.sentChars + text.length > this.limits.headChars) {
      this.capped = true;
      this.flush();
      return this.keepTail(name, text);
    }
    this.sentLines += lines;
    this.sentChars += text.length;
    const last = this.pending[this.pending.length - 1];
    if (last && last.name === name) last.text += text;
    else this.pending.push({ name, text });
    this.pendingChars += text.length;
    // Flushing on write when the last flush is old keeps text flowing out of a loop that
    // never yields (a timer cannot fire there), and the first line of a cell shows at once.
    if (this.pendingChars >= this.limits.flushChars || performance.now() - this.lastFlush >= this.limits.flushMs) this.flush();
    else if (!this.timer) this.timer = setTimeout(() => this.flush(), this.limits.flushMs);
  }

  /** Sends what is waiting. */
  flush(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    this.lastFlush = performance.now();
    const batch = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    for (const { name, text } of batch) this.sink(name, text);
  }

  /** Ends the cell's output: sends what is waiting, then the note and the tail. */
  finish(): void {
    this.flush();
    if (!this.capped) return;
    const kept = this.tail;
    this.tail = [];
    if (this.droppedLines > 0) {
      this.sink('stderr', `\n… ${this.droppedLines.toLocaleString('en-US')} lines of output dropped (nnbook keeps the first ${this.limits.headLines} and the last ${this.limits.tailLines}) …\n`);
    }
    let current: { name: StreamName; text: string } | undefined;
    for (const { name, line } of kept) {
      if (current && current.name === name) current.text += line;
      else { if (current) this.sink(current.name, current.text); current = { name, text: line }; }
    }
    if (current) this.sink(current.name, current.text);
  }

  private keepTail(name: StreamName, text: string): void {
    for (const line of splitKeepingNewlines(text)) {
      this.tail.push({ name, line });
      if (this.tail.length > this.limits.tailLines) { this.tail.shift(); this.droppedLines++; }
    }
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function splitKeepingNewlines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', start)) { out.push(text.slice(start, i + 1)); start = i + 1; }
  if (start < text.length) out.push(text.slice(start));
  return out;
}
