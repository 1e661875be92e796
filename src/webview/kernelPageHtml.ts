import { randomBytes } from 'crypto';
import type * as vscode from 'vscode';
import type { WebBackendSetting } from './pageMessages';

export interface KernelPageUris {
  script: vscode.Uri;
  style: vscode.Uri;
  /** out/kernel-web.js, fetched by the page and started as a blob: Worker. */
  worker: vscode.Uri;
  /** tfjs-backend-wasm binary name → its out/wasm URI. */
  wasm: Record<string, vscode.Uri>;
  /** out/data/mnist.bin.gz, fetched by the Worker only when a cell loads MNIST. */
  mnist: vscode.Uri;
}

/** The kernel page: static markup, one nonce'd script, its settings in a JSON block. */
export function kernelPageHtml(cspSource: string, uris: KernelPageUris, backend: WebBackendSetting): string {
  const nonce = randomBytes(16).toString('base64');
  const config = {
    workerUrl: uris.worker.toString(),
    wasm: Object.fromEntries(Object.entries(uris.wasm).map(([name, uri]) => [name, uri.toString()])),
    mnistUrl: uris.mnist.toString(),
    backend,
  };
  // No remote sources. 'unsafe-eval': the kernel Worker (which inherits this policy from
  // its blob: URL) evaluates compiled cells with eval — that is what a notebook kernel
  // does. 'wasm-unsafe-eval': tfjs-backend-wasm compiles WebAssembly. worker-src blob:
  // the Worker is made from the fetched bundle. connect-src: the bundle and the .wasm
  // files are fetched from the extension (cspSource), then read by the Worker as blob:.
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' 'unsafe-eval' 'wasm-unsafe-eval'`,
    'worker-src blob:',
    `connect-src ${cspSource} blob:`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uris.style}">
<title>nnbook kernel</title>
</head>
<body>
<h1>nnbook kernel</h1>
<dl>
  <dt>State</dt><dd id="state">starting</dd>
  <dt>Backend</dt><dd><span id="backend">…</span><div id="detail"></div></dd>
  <dt>WebGL</dt><dd id="renderer">…</dd>
  <dt>Memory</dt><dd id="memory">…</dd>
  <dt>Running</dt><dd><span id="running">idle</span> <span id="elapsed"></span></dd>
</dl>
<p id="note"></p>
<div class="buttons">
  <button id="stop" title="Interrupt the running cell (cooperative, then forced)">Stop</button>
  <button id="restart" class="secondary" title="Restart the kernel: all variables are lost">Restart</button>
</div>
<script type="application/json" id="nnbook-config">${json}</script>
<script nonce="${nonce}" src="${uris.script}"></script>
</body>
</html>`;
}
