/**
 * What the relay needs of `vscode.NotebookRendererMessaging` (kept structural so the
 * relay is testable without VS Code). `E` is the notebook editor a message came from.
 */
export interface RendererMessagingLike<E> {
  onDidReceiveMessage(listener: (e: { editor: E; message: unknown }) => unknown): { dispose(): unknown };
  postMessage(message: unknown, editor?: E): Thenable<boolean> | Promise<boolean>;
}

/** Deltas kept per display id, for renderers that subscribe late or missed some. */
const KEEP_PER_DISPLAY = 64;
/** Display ids remembered (oldest forgotten first). */
const KEEP_DISPLAYS = 200;

/**
 * Forwards a kernel's live deltas (`update` {displayId, delta}) to the notebook
 * renderer. Handshake: a renderer drawing a running output subscribes with the last
 * `seq` it has (when it is drawn, and again after a gap); the relay replays the deltas
 * it kept after that one and from then on posts new ones to that editor. Deltas are
 * never persisted: the kernel's snapshots (display with the same displayId) are.
 *
 * @example
 * const relay = new LiveUpdateRelay(vscode.notebooks.createRendererMessaging('nnbook-renderer'));
 * relay.forward('chart-ab12-1', { seq: 1, append: [...] });
 */
export class LiveUpdateRelay<E> {
  private readonly kept = new Map<string, { seq: number; delta: unknown }[]>();
  private readonly listeners = new Map<string, Set<E>>();
  private readonly subscription: { dispose(): unknown };
  /** Deltas posted to renderers, for tests and the output channel. */
  posted = 0;

  constructor(private readonly messaging: RendererMessagingLike<E>) {
    this.subscription = messaging.onDidReceiveMessage((e) => this.receive(e.editor, e.message));
  }

  forward(displayId: string, delta: unknown): void {
    const seq = (delta as { seq?: unknown })?.seq;
    if (typeof seq !== 'number') return;
    let list = this.kept.get(displayId);
    if (!list) {
      list = [];
      this.kept.set(displayId, list);
      if (this.kept.size > KEEP_DISPLAYS) {
        const oldest = this.kept.keys().next().value as string;
        this.kept.delete(oldest);
        this.listeners.delete(oldest);
      }
    }
    list.push({ seq, delta });
    if (list.length > KEEP_PER_DISPLAY) list.shift();
    for (const editor of this.listeners.get(displayId) ?? []) this.post(editor, displayId, delta);
  }

  /** Forgets a display's deltas (its final picture is persisted). */
  end(displayId: string): void {
    this.kept.delete(displayId);
    this.listeners.delete(displayId);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private receive(editor: E, message: unknown): void {
    const m = message as { type?: unknown; displayId?: unknown; seq?: unknown };
    if (!m || typeof m.displayId !== 'string') return;
    if (m.type === 'unsubscribe') { this.listeners.get(m.displayId)?.delete(editor); return; }
    if (m.type !== 'subscribe') return;
    let set = this.listeners.get(m.displayId);
    if (!set) { set = new Set(); this.listeners.set(m.displayId, set); }
    set.add(editor);
    const after = typeof m.seq === 'number' ? m.seq : 0;
    for (const k of this.kept.get(m.displayId) ?? []) if (k.seq > after) this.post(editor, m.displayId, k.delta);
  }

  private post(editor: E, displayId: string, delta: unknown): void {
    this.posted++;
    void Promise.resolve(this.messaging.postMessage({ type: 'update', displayId, delta }, editor)).catch(() => undefined);
  }
}
