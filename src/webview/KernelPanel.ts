import * as vscode from 'vscode';
import { kernelPageHtml } from './kernelPageHtml';
import type { HostToPage, PageToHost, WebBackendSetting } from './pageMessages';

/** The tfjs-backend-wasm binaries the page may need (the threaded one needs SharedArrayBuffer, which a webview lacks). */
const WASM_BINARIES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

export interface KernelPanelOptions {
  extensionUri: vscode.Uri;
  /** The backend setting the page's first Worker starts with. */
  backend: WebBackendSetting;
  title?: string;
  /** Everything the page says. */
  onMessage: (msg: PageToHost) => void;
  /** The user closed the panel (or VS Code disposed it). */
  onClosed: () => void;
}

/**
 * The kernel's webview panel: opened beside the notebook without taking focus, kept
 * alive while hidden (retainContextWhenHidden: the Worker and its tensors live in it).
 * Webview messages posted before the page listens can be lost, so messages to the page
 * are held until it says 'page-ready'.
 */
export class KernelPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private pageReady = false;
  private held: HostToPage[] = [];
  private closedByUs = false;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly options: KernelPanelOptions) {
    const { extensionUri } = options;
    const out = vscode.Uri.joinPath(extensionUri, 'out');
    const media = vscode.Uri.joinPath(extensionUri, 'media', 'kernel');
    this.panel = vscode.window.createWebviewPanel(
      'nnbook.kernel',
      options.title ?? 'nnbook kernel',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [out, media] },
    );
    const webview = this.panel.webview;
    this.subscriptions.push(
      webview.onDidReceiveMessage((msg: PageToHost) => this.receive(msg)),
      this.panel.onDidDispose(() => {
        for (const s of this.subscriptions) s.dispose();
        if (!this.closedByUs) options.onClosed();
      }),
    );
    const uri = (u: vscode.Uri) => webview.asWebviewUri(u);
    webview.html = kernelPageHtml(webview.cspSource, {
      script: uri(vscode.Uri.joinPath(media, 'kernel.js')),
      style: uri(vscode.Uri.joinPath(media, 'kernel.css')),
      worker: uri(vscode.Uri.joinPath(out, 'kernel-web.js')),
      wasm: Object.fromEntries(WASM_BINARIES.map((name) => [name, uri(vscode.Uri.joinPath(out, 'wasm', name))])),
      mnist: uri(vscode.Uri.joinPath(out, 'data', 'mnist.bin.gz')),
    }, options.backend);
  }

  post(msg: HostToPage): void {
    if (!this.pageReady) {
      this.held.push(msg);
      return;
    }
    void this.panel.webview.postMessage(msg);
  }

  /** Shows the panel again (beside, without focus) if it was hidden. */
  reveal(): void {
    this.panel.reveal(undefined, true);
  }

  get visible(): boolean {
    return this.panel.visible;
  }

  dispose(): void {
    this.closedByUs = true;
    this.panel.dispose();
  }

  private receive(msg: PageToHost): void {
    if (msg?.type === 'page-ready') {
      this.pageReady = true;
      for (const m of this.held.splice(0)) void this.panel.webview.postMessage(m);
    }
    this.options.onMessage(msg);
  }
}
