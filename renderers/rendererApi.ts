/**
 * The parts of VS Code's notebook renderer API (`vscode-notebook-renderer`) this
 * renderer uses, declared here so the bundle needs no extra package. Shapes follow
 * VS Code's `RendererContext` / `OutputItem` / `RendererApi`.
 */
export interface OutputItem {
  readonly id: string;
  readonly mime: string;
  readonly metadata?: unknown;
  text(): string;
  json(): unknown;
}

export interface Disposable {
  dispose(): void;
}

export interface RendererContext<T = unknown> {
  /** Present when the extension host can hear this renderer (requiresMessaging). */
  postMessage?(message: T): void;
  onDidReceiveMessage?: (listener: (e: T) => void) => Disposable;
  readonly workspace?: { readonly isTrusted: boolean };
}

export interface RendererApi {
  renderOutputItem(outputItem: OutputItem, element: HTMLElement, signal?: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}

/** Messages between the renderer and the extension host (src/notebook/LiveUpdateChannel). */
export type ToHost =
  | { type: 'subscribe'; displayId: string; seq: number }
  | { type: 'unsubscribe'; displayId: string };
export type FromHost = { type: 'update'; displayId: string; delta: unknown };
