import type { FromHost, RendererContext, ToHost } from './rendererApi';

type Apply = (delta: unknown) => Promise<void> | void;
interface Target { seq: () => number; apply: Apply; queue: unknown[]; busy: boolean }

/**
 * Routes live deltas from the extension host to the outputs drawing them, by display
 * id. Handshake: an output that can take deltas subscribes with the last `seq` it has;
 * the host answers with the deltas it kept after that one, then forwards new ones.
 * Messages can be lost (a webview not yet ready), so a gap in `seq` re-subscribes, and
 * the next persisted snapshot redraws the output anyway. Deltas for one output are
 * applied one at a time, in order.
 *
 * @example
 * const stop = live.subscribe('chart-ab12-3', () => seq, (delta) => apply(delta));
 */
export class LiveRouter {
  private readonly targets = new Map<string, Set<Target>>();
  /** Deltas applied, for tests and benchmarks. */
  applied = 0;

  constructor(private readonly ctx: RendererContext<unknown>) {
    ctx.onDidReceiveMessage?.((msg) => this.receive(msg as FromHost));
  }

  get connected(): boolean {
    return typeof this.ctx.postMessage === 'function';
  }

  subscribe(displayId: string, seq: () => number, apply: Apply): () => void {
    const t: Target = { seq, apply, queue: [], busy: false };
    let set = this.targets.get(displayId);
    if (!set) { set = new Set(); this.targets.set(displayId, set); }
    set.add(t);
    this.post({ type: 'subscribe', displayId, seq: seq() });
    return () => {
      set!.delete(t);
      if (set!.size === 0) { this.targets.delete(displayId); this.post({ type: 'unsubscribe', displayId }); }
    };
  }

  /** Handles one message from the host (public for tests). */
  receive(msg: FromHost): void {
    if (!msg || msg.type !== 'update' || typeof msg.displayId !== 'string') return;
    const set = this.targets.get(msg.displayId);
    if (!set) return;
    for (const t of set) { t.queue.push(msg.delta); void this.drain(msg.displayId, t); }
  }

  private async drain(displayId: string, t: Target): Promise<void> {
    if (t.busy) return;
    t.busy = true;
    try {
      while (t.queue.length > 0) {
        const delta = t.queue.shift();
        const seq = (delta as { seq?: unknown })?.seq;
        if (typeof seq !== 'number' || seq <= t.seq()) continue;
        if (seq > t.seq() + 1) {
          // A delta went missing: ask for the ones after what we have.
          t.queue.length = 0;
          this.post({ type: 'subscribe', displayId, seq: t.seq() });
          break;
        }
        try {
          await t.apply(delta);
          this.applied++;
        } catch (err) {
          console.warn(`nnbook: a live update for ${displayId} was not applied:`, err);
        }
      }
    } finally {
      t.busy = false;
    }
  }

  private post(msg: ToHost): void {
    try { this.ctx.postMessage?.(msg); } catch { /* no host to tell */ }
  }
}
