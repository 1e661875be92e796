#!/usr/bin/env node
// Panel suite: the webview kernel's panel in the workbench. Writes a notebook into the
// workspace (--dir), opens it, picks the kernel "nnbook: WebGL (webview)" and checks:
//  - while a cell runs, the kernel panel (its own webview frame, found by its markup) shows
//    the backend, the WebGL renderer string, the tensor count and the running cell;
//  - the notebook's interrupt stops an awaiting loop cooperatively (the panel says idle);
//  - the panel's Stop ends a `while (true) {}` cell as interrupted (forced), the panel is
//    still there with a new Worker, and the next cell runs;
// Screenshots: panel-running.png (workbench), panel.png (the panel alone), panel-after-stop.png.
'use strict';
const fs = require('fs');
const path = require('path');
const args = require('./args');
const L = require('./lib');

const a = args({ url: undefined, dir: undefined, out: undefined, result: undefined, console: undefined });

const KERNEL = 'nnbook: WebGL (webview)';
const NOTEBOOK = 'panel-e2e.nnbook';
const code = (lines) => ({ kind: 'code', language: 'typescript', source: lines.map((l, i) => (i < lines.length - 1 ? `${l}\n` : l)) });
const CELLS = [
  // 1: holds 3 tensors and awaits until interrupted (cooperative: it reaches an await)
  code(['const held = [tf.zeros([256]), tf.ones([4, 4]), tf.scalar(3)];', 'while (true) await new Promise((r) => setTimeout(r, 50));']),
  // 2: never awaits: only terminating the Worker stops it
  code(['while (true) {}']),
  // 3: the kernel works again afterwards
  code(['6 * 7']),
];

/** The kernel panel's content frame: a webview frame whose page is media/kernel's markup. */
async function panelFrame(page) {
  for (const f of page.frames()) {
    if (f.isDetached()) continue;
    const isPanel = await f.evaluate(() => document.title === 'nnbook kernel' && !!document.getElementById('renderer')).catch(() => false);
    if (isPanel) return f;
  }
  return undefined;
}

/** What the panel shows: {state, backend, detail, renderer, memory, running}. */
async function panelText(frame) {
  return frame.evaluate(() => Object.fromEntries(['state', 'backend', 'detail', 'renderer', 'memory', 'running']
    .map((id) => [id, (document.getElementById(id)?.textContent || '').trim()])));
}

async function cellRow(page, index) {
  return L.focusCell(page, index);
}

async function runCell(page, index) {
  const row = await cellRow(page, index);
  // (Ctrl+Enter in command mode inserts a cell in code-server: the command is unambiguous)
  await L.runCommand(page, 'Notebook: Execute Cell');
  await L.pickKernelIfAsked(page, KERNEL, 1000);
  await L.poll(async () => (await L.cellState(row)) !== 'none', { timeout: 30000, interval: 100, what: `cell ${index + 1} to start` });
  return row;
}

async function cellOutputText(page, row) {
  const outs = await L.outputsIn(page, await L.rowExtent(row));
  return outs.map((o) => o.text).join(' | ');
}

async function interruptFromToolbar(page) {
  const labels = await L.toolbarLabels(page);
  const stop = labels.find((l) => /^(Interrupt|Stop Execution)/.test(l || ''));
  if (!stop) throw new Error(`no Interrupt button in the notebook toolbar: ${JSON.stringify(labels)}`);
  await L.clickToolbar(page, stop);
}

(async () => {
  const results = new L.Results('panel', a.result);
  const file = path.join(a.dir, NOTEBOOK);
  fs.writeFileSync(file, JSON.stringify({ nnbook: 1, metadata: { title: 'panel e2e' }, cells: CELLS }, null, 2));
  const browser = await L.launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  L.recordConsole(page, a.console);
  const shot = (name) => L.screenshot(page, path.join(a.out, name));
  let panel;
  try {
    await L.openWorkbench(page, a.url);
    await L.quickOpenNotebook(page, NOTEBOOK);
    await L.selectKernel(page, KERNEL);

    const running = await results.check('while a cell runs, the panel shows backend, WebGL renderer, tensor count and the running cell', async () => {
      const row = await runCell(page, 0);
      panel = await L.poll(() => panelFrame(page), { timeout: 60000, what: 'the kernel panel frame' });
      const seen = await L.poll(async () => {
        if ((await L.cellState(row)) !== 'running') throw new Error(`cell 1 is ${await L.cellState(row)}, not running: ${await cellOutputText(page, row)}`);
        const t = await panelText(panel);
        const tensors = /^(\d+) tensors?\b/.exec(t.memory);
        return t.state === 'ready' && ['webgl', 'wasm', 'cpu'].includes(t.backend) && t.detail.length > 0 &&
          t.renderer !== '…' && t.renderer.length > 0 && tensors && Number(tensors[1]) >= 3 && t.running === 'cell 1' ? t : false;
      }, { timeout: 60000, interval: 250, what: 'the panel to show the running cell 1 with its 3 tensors' });
      L.log(`   panel: ${JSON.stringify(seen)}`);
      await shot('panel-running.png');
      const box = await (await panel.frameElement()).boundingBox();
      if (!box || box.width < 100) throw new Error(`the panel frame is not visible: ${JSON.stringify(box)}`);
      await page.screenshot({ path: path.join(a.out, 'panel.png'), clip: box });
    });

    await results.check('the notebook interrupt stops an awaiting loop cooperatively; the panel says idle', async () => {
      if (!running) throw new Error('skipped: cell 1 did not run');
      await interruptFromToolbar(page);
      const row = await cellRow(page, 0);
      await L.poll(async () => !['running', 'pending'].includes(await L.cellState(row)), { timeout: 20000, what: 'cell 1 to end' });
      const text = await L.poll(async () => { const t = await cellOutputText(page, row); return /Interrupted/.test(t) && t; },
        { timeout: 10000, what: 'cell 1 to say it was interrupted' });
      if (!/Interrupted \(cooperative\)/.test(text)) throw new Error(`cell 1 was not interrupted cooperatively: ${text}`);
      await L.poll(async () => (await panelText(panel)).running === 'idle', { timeout: 10000, what: 'the panel to show idle' });
    });

    await results.check('the panel\'s Stop ends `while (true) {}` interrupted; the panel stays and the next cell runs', async () => {
      if (!panel) throw new Error('skipped: no kernel panel');
      const row = await runCell(page, 1);
      await L.poll(async () => (await L.cellState(row)) === 'running' && (await panelText(panel)).running === 'cell 2',
        { timeout: 20000, what: 'cell 2 running, per the notebook and the panel' });
      await panel.click('#stop');
      await L.poll(async () => !['running', 'pending'].includes(await L.cellState(row)), { timeout: 30000, what: 'cell 2 to end after Stop' });
      const text = await L.poll(async () => { const t = await cellOutputText(page, row); return /Interrupted/.test(t) && t; },
        { timeout: 10000, what: 'cell 2 to say it was interrupted' });
      if (!/Interrupted \(forced\)/.test(text)) throw new Error(`cell 2 did not end as a forced interrupt: ${text}`);
      if (panel.isDetached() || (await panelFrame(page)) !== panel) throw new Error('the kernel panel was replaced or closed by Stop');
      await L.poll(async () => { const t = await panelText(panel); return t.state === 'ready' && t.running === 'idle'; },
        { timeout: 60000, what: 'the panel to show a ready, idle kernel after Stop' });
      const next = await runCell(page, 2);
      await L.poll(async () => (await L.cellState(next)) === 'success', { timeout: 60000, what: 'cell 3 to succeed after Stop' });
      const out = await cellOutputText(page, next);
      if (!/\b42\b/.test(out)) throw new Error(`cell 3 shows ${JSON.stringify(out)}, not 42`);
      await shot('panel-after-stop.png');
    });
  } catch (e) {
    await results.check('panel suite ran to its end', async () => { throw e; });
  } finally {
    if (results.failed) await shot('panel-FAILED.png');
    await browser.close().catch(() => {});
    results.write();
  }
  console.log(`panel: ${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
})().catch((e) => {
  console.error('panel.js:', e);
  process.exit(2);
});
