/**
 * The nnbook notebook renderer (`nnbook-renderer`, bundled to out/renderer.js): draws
 * every `application/vnd.nnbook.<kind>+json` output. Each output gets its own shadow
 * root; its payload is validated before anything is drawn, and a payload that cannot
 * be drawn shows an error box instead (never a blank output, never an exception into
 * the notebook). Payload text only ever reaches the DOM as text.
 *
 * @example
 * // VS Code loads this module and calls:
 * const api = activate(ctx);
 * await api.renderOutputItem({ id: 'o1', mime: 'application/vnd.nnbook.chart+json', json: () => payload, text: () => '' }, element);
 */
import { KINDS } from './kinds';
import type { Drawn } from './kinds/Kind';
import { LiveRouter } from './live';
import { mountRoot, showError } from './mount';
import type { OutputItem, RendererApi, RendererContext } from './rendererApi';
import { readTheme } from './theme';
import { PayloadError } from './validate';

const MIME = /^application\/vnd\.nnbook\.([a-z][\w-]*)\+json$/;

interface Mounted { item: OutputItem; element: HTMLElement; drawn: Drawn | undefined; token: number }

export function activate(ctx: RendererContext<unknown>): RendererApi & { live: LiveRouter } {
  const live = new LiveRouter(ctx);
  const byId = new Map<string, Mounted>();
  const byElement = new WeakMap<HTMLElement, Mounted>();
  let tokens = 0;

  async function render(item: OutputItem, element: HTMLElement, signal?: AbortSignal): Promise<void> {
    const token = ++tokens;
    const prev = byElement.get(element);
    const m: Mounted = { item, element, drawn: undefined, token };
    try {
      const kindName = MIME.exec(item.mime)?.[1] ?? '';
      const kind = KINDS[kindName];
      if (!kind) throw new PayloadError(`this version of nnbook has no renderer for '${kindName || item.mime}' outputs`);
      let json: unknown;
      try { json = item.json(); } catch (e) { throw new PayloadError(`the output is not valid JSON (${(e as Error).message})`); }
      const payload = kind.validate(json as never) as { live?: { displayId: string; seq: number; running: boolean } };
      const l = payload.live;
      // A snapshot of a live output we already show, with no delta we lack: keep the view (no flicker, no redraw).
      if (prev?.drawn?.live && l?.running && prev.drawn.live.displayId === l.displayId && prev.drawn.live.running && prev.drawn.live.seq >= l.seq) {
        byId.set(item.id, { ...prev, item, token });
        byElement.set(element, byId.get(item.id)!);
        return;
      }
      prev?.drawn?.dispose();
      byElement.set(element, m);
      byId.set(item.id, m);
      const root = mountRoot(element, kindName);
      const drawn = await kind.draw(root, payload as never, { theme: readTheme(element), live });
      if (m.token !== byElement.get(element)?.token || signal?.aborted) { drawn.dispose(); return; }
      m.drawn = drawn;
    } catch (err) {
      if (byElement.get(element)?.token !== token && byElement.has(element)) return;
      m.drawn?.dispose();
      byElement.set(element, m);
      byId.set(item.id, m);
      showError(element, item.mime, err);
    }
  }

  function dispose(id?: string): void {
    const ids = id === undefined ? [...byId.keys()] : [id];
    for (const k of ids) {
      const m = byId.get(k);
      byId.delete(k);
      if (!m) continue;
      m.drawn?.dispose();
      m.drawn = undefined;
      if (byElement.get(m.element) === m) byElement.delete(m.element);
    }
  }

  // Colours are baked into the drawn charts: redraw when VS Code switches theme.
  if (typeof MutationObserver !== 'undefined' && document.body) {
    new MutationObserver(() => {
      for (const m of [...byId.values()]) if (m.element.isConnected) void render(m.item, m.element);
    }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  }

  return {
    live,
    renderOutputItem: (item, element, signal) => render(item, element, signal),
    disposeOutputItem: dispose,
  };
}

export { mountRoot };
