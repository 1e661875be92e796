// @ts-check
/**
 * The kernel webview page: a thin UI and a relay. The kernel itself (tfjs, the cells'
 * scope) runs in a dedicated Worker started from a blob: URL, so a runaway cell is
 * stopped by terminating the Worker while this page — and the panel — stays.
 *
 *   extension host ──(webview messages)── this page ──(postMessage)── Worker (out/kernel-web.js)
 *
 * Host → page:  {type:'to-kernel', msg}  {type:'restart-worker', backend, reason}
 * Page → host:  {type:'page-ready'}  {type:'from-kernel', msg}  {type:'worker-failed', message}
 *               {type:'context-lost'}  {type:'log', text}  {type:'stop'}  {type:'restart'}
 * Page ↔ worker: see runtime/web/workerMessages.ts.
 */
(function () {
  // @ts-ignore acquireVsCodeApi is injected by VS Code
  const vscode = acquireVsCodeApi();
  const configEl = document.getElementById('nnbook-config');
  /** @type {{ workerUrl: string, wasm: Record<string, string>, backend: string }} */
  const config = JSON.parse(configEl ? configEl.textContent || '{}' : '{}');

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const ui = {
    state: $('state'), backend: $('backend'), detail: $('detail'), renderer: $('renderer'),
    memory: $('memory'), running: $('running'), elapsed: $('elapsed'), note: $('note'),
  };

  let backendSetting = config.backend || 'auto';
  /** @type {Worker | undefined} */
  let worker;
  /** Bumped on every spawn, to drop a superseded spawn. */
  let spawns = 0;
  /** The host's number for the current Worker (0 for the first; restart-worker names the next). */
  let generation = 0;
  let workerReady = false;
  /** Kernel messages for a Worker that is still being created. */
  /** @type {unknown[]} */
  let pending = [];
  /** @type {{ id: string, cell: string, t0: number } | undefined} */
  let running;
  let statsAskedAt = 0;
  let statsAnsweredAt = 0;

  /** The worker bundle and the WASM binaries, fetched once, kept as blob: URLs for every restart. */
  const assets = loadAssets();

  async function loadAssets() {
    const workerBlob = fetch(config.workerUrl).then((r) => {
      if (!r.ok) throw new Error(`${config.workerUrl}: HTTP ${r.status}`);
      return r.blob();
    }).then((b) => URL.createObjectURL(new Blob([b], { type: 'text/javascript' })));
    /** @type {Record<string, string> | undefined} */
    let wasmPaths;
    let wasmProblem;
    try {
      const entries = await Promise.all(Object.entries(config.wasm).map(async ([name, url]) => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
        return [name, URL.createObjectURL(new Blob([await r.arrayBuffer()], { type: 'application/wasm' }))];
      }));
      wasmPaths = Object.fromEntries(entries);
      // tfjs wants a path for every binary; the threaded one is never picked here (no SharedArrayBuffer).
      wasmPaths['tfjs-backend-wasm-threaded-simd.wasm'] ??= wasmPaths['tfjs-backend-wasm-simd.wasm'];
    } catch (err) {
      wasmProblem = `could not load the WASM binaries: ${err instanceof Error ? err.message : err}`;
    }
    return { workerUrl: await workerBlob, wasmPaths, wasmProblem };
  }

  async function spawn(/** @type {string} */ why) {
    const mine = ++spawns;
    const gen = generation;
    if (worker) worker.terminate();
    worker = undefined;
    workerReady = false;
    running = undefined;
    show('state', why);
    let a;
    try {
      a = await assets;
    } catch (err) {
      vscode.postMessage({ type: 'worker-failed', generation: gen, message: `the kernel bundle did not load: ${err instanceof Error ? err.message : err}` });
      show('state', 'failed to load');
      return;
    }
    if (mine !== spawns) return; // a newer restart won
    const w = new Worker(a.workerUrl, { name: 'nnbook kernel' });
    worker = w;
    w.onmessage = (ev) => fromWorker(w, gen, ev.data);
    w.onerror = (ev) => {
      ev.preventDefault();
      const text = `${ev.message} (${ev.filename}:${ev.lineno})`;
      if (w !== worker) return;
      if (!workerReady) vscode.postMessage({ type: 'worker-failed', generation: gen, message: text });
      else vscode.postMessage({ type: 'log', text: `uncaught in the kernel worker: ${text}` });
    };
    w.postMessage({ type: 'init', backend: backendSetting, wasmPaths: a.wasmPaths, wasmProblem: a.wasmProblem, mnistUrl: config.mnistUrl });
    for (const msg of pending.splice(0)) w.postMessage(msg);
  }

  function toWorker(/** @type {any} */ msg) {
    if (msg.type === 'execute') {
      running = { id: msg.id, cell: msg.cell, t0: performance.now() };
      render();
    }
    if (worker) worker.postMessage(msg);
    else pending.push(msg);
  }

  function fromWorker(/** @type {Worker} */ w, /** @type {number} */ gen, /** @type {any} */ msg) {
    if (w !== worker) return; // a terminated worker's last words
    switch (msg.type) {
      case 'stats':
        statsAnsweredAt = performance.now();
        show('memory', `${msg.numTensors} tensors, ${formatBytes(msg.numBytes)}`);
        show('backend', msg.backend);
        return;
      case 'webgl-info':
        show('renderer', msg.renderer + (msg.software ? ' (software)' : ''));
        return;
      case 'context-lost':
        vscode.postMessage({ type: 'context-lost' });
        return;
      case 'ready':
        workerReady = true;
        show('state', 'ready');
        show('backend', msg.backend);
        show('detail', msg.detail);
        askStats();
        break;
      case 'done': case 'error': case 'interrupted':
        if (running && running.id === msg.id) running = undefined;
        render();
        askStats();
        break;
    }
    vscode.postMessage({ type: 'from-kernel', msg, generation: gen });
  }

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'to-kernel') toWorker(m.msg);
    else if (m.type === 'restart-worker') {
      if (m.backend) backendSetting = m.backend;
      generation = m.generation;
      void spawn(m.reason || 'restarting');
    }
  });

  $('stop').addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
  $('restart').addEventListener('click', () => vscode.postMessage({ type: 'restart' }));

  function askStats() {
    if (!worker || !workerReady) return;
    statsAskedAt = performance.now();
    worker.postMessage({ type: 'stats' });
  }

  function render() {
    if (running) {
      show('running', running.cell);
      const s = (performance.now() - running.t0) / 1000;
      show('elapsed', `${s.toFixed(1)} s`);
      // The worker answers stats between tasks: a long silence means a loop that never awaits.
      const silent = statsAskedAt > statsAnsweredAt && performance.now() - statsAskedAt > 2000;
      show('note', silent ? 'The cell has not yielded for a while (a loop without await?). Stop terminates it if it does not reach a checkpoint.' : '');
    } else {
      show('running', 'idle');
      show('elapsed', '');
      show('note', '');
    }
    ui.state.parentElement?.classList.toggle('busy', !!running);
  }

  function show(/** @type {keyof typeof ui} */ key, /** @type {string} */ text) {
    if (ui[key].textContent !== text) ui[key].textContent = text;
  }

  function formatBytes(/** @type {number} */ n) {
    if (n < 1024) return `${n} B`;
    if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
    return `${(n / 1024 / 1024).toFixed(1)} MB`;
  }

  // Timers of a hidden page are throttled; they only drive this display, never the kernel.
  setInterval(() => { if (document.visibilityState === 'visible') render(); }, 250);
  setInterval(() => { if (document.visibilityState === 'visible' && (statsAnsweredAt >= statsAskedAt || running)) askStats(); }, 1000);

  vscode.postMessage({ type: 'page-ready' });
  void spawn('starting');
})();
