#!/usr/bin/env node
// Trust suite: code-server with security.workspace.trust.enabled and no --disable-workspace-trust,
// the folder never trusted (startup prompt off, so it opens in Restricted Mode). Running a cell
// must be refused with a message that says why, and nothing may execute: no output, no
// execution state, for as long as we watch.
'use strict';
const fs = require('fs');
const path = require('path');
const args = require('./args');
const L = require('./lib');

const a = args({ url: undefined, dir: undefined, out: undefined, result: undefined, console: undefined });
const NOTEBOOK = 'untrusted.nnbook';
const CODE_CELL = 1;
const WATCH_MS = Number(process.env.E2E_TRUST_WATCH_MS || 4000);

/** Text of any dialog or notification toast on screen. */
async function messages(page) {
  const dialogs = await page.locator('.monaco-dialog-box').filter({ visible: true }).allInnerTexts();
  const toasts = await page.locator('.notifications-toasts .notification-toast').filter({ visible: true }).allInnerTexts();
  return [...dialogs.map((t) => ({ kind: 'dialog', text: t })), ...toasts.map((t) => ({ kind: 'notification', text: t }))];
}

async function dismiss(page) {
  const dlg = page.locator('.monaco-dialog-box').filter({ visible: true }).first();
  if (await dlg.count()) {
    const cancel = dlg.locator('.monaco-button', { hasText: /^(Cancel|No|Don't Trust|Close)$/ }).first();
    if (await cancel.count()) await cancel.click(); else await page.keyboard.press('Escape');
    await L.poll(async () => !(await page.locator('.monaco-dialog-box').filter({ visible: true }).count()),
      { timeout: 5000, what: 'the dialog to close' });
  }
}

/** Fails as soon as `fn()` is falsy during `ms`; polls every 100 ms. */
async function holds(fn, ms, what) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await fn();
    if (v !== true) throw new Error(`${what}: ${v}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

(async () => {
  const results = new L.Results('trust', a.result);
  const browser = await L.launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  L.recordConsole(page, a.console);
  let refused = false;
  try {
    await L.openWorkbench(page, a.url);
    const restricted = await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).count();
    L.log(`   Restricted Mode in the status bar: ${restricted > 0}`);
    refused = await results.check('untrusted folder: running a cell is refused with a message about trust', async () => {
      await L.quickOpenNotebook(page, NOTEBOOK);
      await L.clickToolbar(page, 'Run All');
      const shown = await L.poll(async () => {
        const m = await messages(page);
        return m.find((x) => /trust|restricted/i.test(x.text)) || false;
      }, { timeout: 20000, what: 'a dialog or notification about workspace trust' });
      L.log(`   ${shown.kind}: ${JSON.stringify(shown.text.replace(/\s+/g, ' ').slice(0, 300))}`);
      await L.screenshot(page, path.join(a.out, 'trust-refused.png'));
      await dismiss(page);
    });
    await results.check('untrusted folder: nothing executes (no output, no execution state, file unchanged)', async () => {
      if (!refused) await dismiss(page).catch(() => {});
      const before = fs.readFileSync(path.join(a.dir, NOTEBOOK));
      const row = await L.focusCell(page, CODE_CELL);
      await holds(async () => {
        const state = await L.cellState(row);
        if (state !== 'none') return `cell state is ${state}`;
        const outs = await L.outputsIn(page, await L.rowExtent(row));
        if (outs.length) return `the cell has ${outs.length} output(s): ${JSON.stringify(outs.map((o) => o.text.slice(0, 80)))}`;
        const label = await row.locator('.execution-count-label').innerText().catch(() => '');
        if (/\d/.test(label)) return `the cell has an execution count ${label}`;
        return true;
      }, WATCH_MS, 'the refused cell ran anyway');
      if (!before.equals(fs.readFileSync(path.join(a.dir, NOTEBOOK)))) throw new Error(`${NOTEBOOK} changed on disk`);
      await L.screenshot(page, path.join(a.out, 'trust-after.png'));
    });
  } catch (e) {
    await results.check('trust suite ran to its end', async () => { throw e; });
  } finally {
    if (results.failed) await L.screenshot(page, path.join(a.out, 'trust-FAILED.png'));
    await browser.close().catch(() => {});
    results.write();
  }
  console.log(`trust: ${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
})().catch((e) => {
  console.error('trust.js:', e);
  process.exit(2);
});
