// Shared helpers for the e2e scripts: a headless Debian Chromium driven by playwright-core,
// a browser console log, deadline-bound polling, per-check results, and the VS Code
// workbench gestures the suites use (Quick Open, notebook toolbar, cells, webview outputs).
'use strict';
const fs = require('fs');
const path = require('path');
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
// playwright-core adds --enable-unsafe-swiftshader itself (WebGL2 in the notebook webview).
// E2E_KEEP_GPU=1 leaves out --disable-gpu.
const LAUNCH_ARGS = ['--no-sandbox', ...(process.env.E2E_KEEP_GPU ? [] : ['--disable-gpu']), '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

const T0 = Date.now();
const stamp = () => `[${((Date.now() - T0) / 1000).toFixed(1)}s]`;
function log(...a) { console.log(stamp(), ...a); }

async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM)`);
  return chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
}

/** Writes every console message, page error and failed request of `page` (all frames) to `file`. */
function recordConsole(page, file, echo) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = fs.createWriteStream(file, { flags: 'a' });
  const w = (s) => out.write(`${new Date().toISOString()} ${s}\n`);
  page.on('console', (m) => {
    const text = m.text();
    w(`console.${m.type()}: ${text}`);
    if (echo) echo(m.type(), text);
  });
  page.on('pageerror', (e) => w(`pageerror: ${e && e.stack ? e.stack : e}`));
  page.on('requestfailed', (r) => w(`requestfailed: ${r.url().slice(0, 200)} ${r.failure() ? r.failure().errorText : ''}`));
  page.on('crash', () => w('PAGE CRASHED'));
  return out;
}

/**
 * Polls `fn` (sync or async) until it returns a truthy value, every `interval` ms, and
 * returns that value; throws after `timeout` ms, naming `what` and the last error or value.
 */
async function poll(fn, { timeout = 30000, interval = 200, what = 'a condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      last = v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message.split('\n')[0] : JSON.stringify(last);
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (last: ${why})`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Per-check bookkeeping for a suite; `write()` leaves {suite, passed, failed, tests} in `file`. */
class Results {
  constructor(suite, file) {
    this.suite = suite;
    this.file = file;
    this.tests = [];
  }
  async check(name, fn) {
    const t = Date.now();
    try {
      await fn();
      this.tests.push({ name, ok: true, ms: Date.now() - t });
      log(`  ✔ ${name} (${Date.now() - t} ms)`);
      return true;
    } catch (e) {
      const error = e && e.stack ? e.stack : String(e);
      this.tests.push({ name, ok: false, ms: Date.now() - t, error });
      log(`  ✘ ${name}\n      ${String(e && e.message ? e.message : e).split('\n').join('\n      ')}`);
      return false;
    }
  }
  get passed() { return this.tests.filter((t) => t.ok).length; }
  get failed() { return this.tests.filter((t) => !t.ok).length; }
  write() {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    fs.writeFileSync(this.file, JSON.stringify({ suite: this.suite, passed: this.passed, failed: this.failed, tests: this.tests }, null, 2));
  }
}

// ---------------------------------------------------------------- workbench gestures

async function openWorkbench(page, url) {
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 90000 });
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 90000 });
}

async function visibleQuickInput(page) {
  return page.locator('.quick-input-widget').isVisible();
}

/** The rows of the visible quick pick: [{label, index}]. */
async function quickPickRows(page) {
  if (!(await visibleQuickInput(page))) return [];
  return page.$$eval('.quick-input-widget .quick-input-list .monaco-list-row', (els) =>
    els.map((e) => e.getAttribute('aria-label') || e.textContent || ''));
}

async function closeQuickInput(page) {
  if (await visibleQuickInput(page)) await page.keyboard.press('Escape');
  await poll(async () => !(await visibleQuickInput(page)), { timeout: 5000, what: 'the quick input to close' });
}

/** Runs a command by its palette title (a row whose label is exactly `title` wins over one that contains it). */
async function runCommand(page, title) {
  await closeQuickInput(page).catch(() => {});
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
  await page.keyboard.type(title);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  const pick = await poll(async () => {
    const labels = await quickPickRows(page);
    const exact = labels.findIndex((l) => l.split(',')[0].trim() === title);
    if (exact >= 0) return { i: exact };
    const some = labels.findIndex((l) => l.includes(title));
    return some >= 0 && labels.length ? { i: some } : false;
  }, { timeout: 10000, what: `"${title}" in the command palette` });
  await rows.nth(pick.i).click();
}

async function closeAllEditors(page) {
  await runCommand(page, 'View: Close All Editors');
  // a dirty editor asks whether to save: never save a sample by accident
  const dlg = page.locator('.monaco-dialog-box');
  try {
    await dlg.waitFor({ state: 'visible', timeout: 1500 });
    await dlg.locator('.monaco-button', { hasText: /Don't Save|Do not save/i }).first().click();
  } catch { /* no prompt */ }
  await poll(async () => (await page.locator('.tabs-container .tab').count()) === 0, { timeout: 10000, what: 'all editors to close' });
}

/** Opens `rel` (a path relative to the workspace folder) with Quick Open; waits for its notebook editor. */
async function quickOpenNotebook(page, rel) {
  const base = path.basename(rel);
  await closeQuickInput(page).catch(() => {});
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: 10000 });
  await page.keyboard.type(rel);
  // Two notebooks can share a name (samples/x and samples/zh-CN/x), and Quick Open ranks
  // the recently opened one first: pick the row whose description names the folder.
  const dir = path.dirname(rel);
  const inDir = dir === '.' ? '' : `[aria-label*="${path.basename(dir)}"]`;
  const row = page.locator(`.quick-input-widget .quick-input-list .monaco-list-row[aria-label*="${base}"]${inDir}`).first();
  await row.waitFor({ state: 'visible', timeout: 30000 });
  await row.click();
  await poll(async () => {
    const tab = await page.locator('.tabs-container .tab.active').getAttribute('aria-label').catch(() => '');
    return tab && tab.includes(base) && (await activeNotebook(page).locator('.cell-list-container').isVisible());
  }, { timeout: 30000, what: `a notebook editor for ${base}` });
  // the first rows are in the list (a markdown row can count as hidden to playwright: attached is enough)
  await activeNotebook(page).locator('.monaco-list-row').first().waitFor({ state: 'attached', timeout: 30000 });
}

/** The visible notebook widget (VS Code draws it in an overlay at the workbench root, over its editor slot). */
function activeNotebook(page) {
  return page.locator('.notebookOverlay.notebook-editor').filter({ visible: true }).first();
}

async function toolbarLabels(page) {
  return activeNotebook(page).locator('.notebook-toolbar-container .action-item [aria-label]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
}

async function clickToolbar(page, labelPrefix) {
  const a = activeNotebook(page).locator(`.notebook-toolbar-container .action-item [aria-label^="${labelPrefix}"]`).first();
  await a.waitFor({ state: 'visible', timeout: 15000 });
  await a.click();
}

/** The label of the kernel shown at the right of the notebook toolbar ('Select Kernel' when none). */
async function kernelLabel(page) {
  return activeNotebook(page).locator('.notebook-toolbar-container .kernel-label').first().innerText({ timeout: 5000 })
    .catch(async () => {
      const labels = await toolbarLabels(page);
      return labels[labels.length - 1] || '';
    });
}

/** If a kernel quick pick is showing, picks `label` from it (through "Select Another Kernel…" if needed). */
async function pickKernelIfAsked(page, label, waitMs = 3000) {
  let shown = false;
  try {
    await poll(async () => (await quickPickRows(page)).length > 0, { timeout: waitMs, interval: 100, what: 'a kernel picker' });
    shown = true;
  } catch { return false; }
  for (let step = 0; step < 3 && shown; step++) {
    const rows = await quickPickRows(page);
    const i = rows.findIndex((r) => r.includes(label));
    if (i >= 0) {
      await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(i).click();
      await poll(async () => !(await visibleQuickInput(page)), { timeout: 10000, what: 'the kernel picker to close' });
      return true;
    }
    // With several controllers from one extension, VS Code first lists the extension
    // (by its display name), then its kernels.
    const other = rows.findIndex((r) => /Select Another Kernel|Browse|^nnbook\b/i.test(r));
    if (other < 0) throw new Error(`the kernel picker does not offer "${label}": ${JSON.stringify(rows)}`);
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(other).click();
    await poll(async () => (await quickPickRows(page)).some((r) => r.includes(label)), { timeout: 10000, what: `"${label}" in the kernel picker` });
  }
  throw new Error('kernel picker: no way to pick ' + label);
}

/** Selects `label` as the notebook's kernel via the toolbar's kernel button, unless it already is. */
async function selectKernel(page, label) {
  const now = await kernelLabel(page);
  if (now.includes(label)) return false;
  const btn = activeNotebook(page).locator('.notebook-toolbar-container .kernel-action-view-item, .notebook-toolbar-container .action-item [aria-label*="Kernel"]').last();
  await btn.click();
  await pickKernelIfAsked(page, label, 10000);
  await poll(async () => (await kernelLabel(page)).includes(label), { timeout: 15000, what: `kernel "${label}" in the toolbar` });
  return true;
}

async function focusedIndex(nb) {
  const r = nb.locator('.monaco-list-row.focused').first();
  if (!(await r.count())) return -1;
  return Number(await r.getAttribute('data-index'));
}

/** Puts keyboard focus into the notebook's cell list (command mode), without entering a cell editor. */
async function ensureNotebookFocus(page, nb) {
  const inside = () => nb.evaluate((el) => el.contains(document.activeElement));
  if (!(await inside())) {
    const ind = nb.locator('.monaco-list-row.code-cell-row .cell-focus-indicator-left').filter({ visible: true }).first();
    if (await ind.count()) await ind.click();
    else await runCommand(page, 'Notebook: Focus First Cell');
    await poll(inside, { timeout: 5000, what: 'keyboard focus in the notebook' });
  }
  await page.keyboard.press('Escape');   // leave any cell editor so the arrow keys move between cells
}

/** Focuses cell `index` (command mode, scrolled into view) and returns its row locator. */
async function focusCell(page, index) {
  const nb = activeNotebook(page);
  const settle = (want) => poll(async () => (await focusedIndex(nb)) === want, { timeout: 5000, interval: 50, what: `cell ${want} to take focus` })
    .then(() => true, () => false);
  await ensureNotebookFocus(page, nb);
  let cur = await poll(async () => { const f = await focusedIndex(nb); return f >= 0 ? { f } : false; },
    { timeout: 5000, what: 'a focused cell' }).then((v) => v.f);
  let stuck = 0;
  while (cur !== index) {
    const want = cur < index ? cur + 1 : cur - 1;
    await page.keyboard.press(cur < index ? 'ArrowDown' : 'ArrowUp');
    if (await settle(want)) { cur = want; stuck = 0; continue; }
    if (++stuck >= 3) throw new Error(`could not move focus from cell ${cur} towards ${index}`);
    await ensureNotebookFocus(page, nb);
    const now = await focusedIndex(nb);
    if (now >= 0) cur = now;
  }
  const row = nb.locator(`.monaco-list-row[data-index="${index}"]`).first();
  await row.waitFor({ state: 'attached', timeout: 5000 });
  return row;
}

/** Execution state of a cell row from its status bar: 'success' | 'error' | 'running' | 'pending' | 'none'. */
async function cellState(row) {
  return row.evaluate((e) => {
    const has = (c) => !!e.querySelector(`.cell-statusbar-container .codicon-${c}`);
    if (has('notebook-state-executing')) return 'running';
    if (has('notebook-state-pending')) return 'pending';
    if (has('notebook-state-error')) return 'error';
    if (has('notebook-state-success')) return 'success';
    return 'none';
  });
}

/** Page-space vertical extent [top, bottom) of a cell row (its editor and outputs). */
async function rowExtent(row) {
  return row.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const ind = e.querySelector('.cell-focus-indicator-left');
    const bottom = ind ? Math.max(r.bottom, ind.getBoundingClientRect().bottom) : r.bottom;
    return { top: r.top, bottom };
  });
}

/** The nested webview frame (…/pre/fake.html) that holds the active notebook's outputs. */
async function outputFrames(page) {
  const frames = [];
  for (const f of page.frames()) {
    if (!/\/webview\/browser\/pre\/fake\.html/.test(f.url())) continue;
    try {
      const el = await f.frameElement();
      const box = await el.boundingBox();
      if (box && box.width > 0) frames.push({ frame: f, box });
    } catch { /* detached */ }
  }
  return frames;
}

/**
 * Runs in the output frame (serialized by playwright: self-contained, no closures): describes
 * each `.output` element — text, vega data marks per mark type (items of groups with class
 * role-mark; a line/area/trail item is one path, so its vertices are counted), canvases
 * (blank or not), decoded images.
 */
function describeOutputs(els) {
  // renderers may draw into (open) shadow roots: every query and text read goes through them
  const roots = (node) => {
    const out = [node];
    if (node.shadowRoot) out.push(...roots(node.shadowRoot));
    for (const e of node.querySelectorAll('*')) if (e.shadowRoot) out.push(...roots(e.shadowRoot));
    return out;
  };
  const all = (node, sel) => roots(node).flatMap((r) => [...r.querySelectorAll(sel)]);
  const text = (node) => {
    const parts = [node.innerText || ''];
    for (const r of roots(node).slice(1)) {
      for (const c of r.children) if (!['STYLE', 'SCRIPT', 'TEMPLATE'].includes(c.tagName)) parts.push(c.innerText || '');
    }
    return parts.filter(Boolean).join('\n');
  };
  return els.map((el) => {
    const r = el.getBoundingClientRect();
    const container = el.closest('.cell_container');
    const hidden = getComputedStyle(el).visibility === 'hidden' ||
      (!!container && (getComputedStyle(container).visibility === 'hidden' || getComputedStyle(container).display === 'none'));
    const marks = {};
    for (const g of all(el, 'g.role-mark')) {
      const type = ([...g.classList].find((c) => c.startsWith('mark-')) || 'mark-?').slice(5);
      if (type === 'group') continue;
      let n = 0;
      for (const item of g.children) {
        if (['line', 'area', 'trail'].includes(type) && item.getAttribute('d')) {
          const cmds = (item.getAttribute('d').match(/[MLCQTSHV]/gi) || []).length;
          n += type === 'area' ? Math.round(cmds / 2) : cmds;
        } else n += 1;
      }
      marks[type] = (marks[type] || 0) + n;
    }
    const canvases = all(el, 'canvas').map((c) => {
      const info = { w: c.width, h: c.height, blank: true, error: null };
      try {
        const t = document.createElement('canvas');
        t.width = Math.min(c.width, 400) || 1; t.height = Math.min(c.height, 400) || 1;
        const ctx = t.getContext('2d');
        ctx.drawImage(c, 0, 0, t.width, t.height);
        const d = ctx.getImageData(0, 0, t.width, t.height).data;
        const first = [d[0], d[1], d[2], d[3]].join();
        for (let i = 4; i < d.length; i += 4) {
          if ([d[i], d[i + 1], d[i + 2], d[i + 3]].join() !== first) { info.blank = false; break; }
        }
      } catch (e) { info.error = String(e); }
      return info;
    });
    const images = all(el, 'img').map((i) => ({ w: i.naturalWidth, h: i.naturalHeight }));
    return {
      id: el.id, top: r.top, height: r.height, hidden,
      text: text(el), svgs: all(el, 'svg').length, marks, canvases, images, tables: all(el, 'table').length,
    };
  });
}

/**
 * Describes every rendered output whose page position lies inside [top, bottom): text,
 * vega data marks per mark type, canvases (blank or not), images. Sorted top to bottom.
 */
async function outputsIn(page, extent) {
  const found = [];
  for (const { frame, box } of await outputFrames(page)) {
    const outs = await frame.$$eval('.output', describeOutputs);
    for (const o of outs) {
      const pageTop = o.top + box.y;
      const mid = pageTop + Math.min(o.height, 20) / 2;
      if (mid >= extent.top && mid < extent.bottom) found.push({ ...o, pageTop });
    }
  }
  return found.sort((a, b) => a.pageTop - b.pageTop);
}

async function screenshot(page, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file }).catch((e) => log('screenshot failed:', e.message));
  return file;
}

module.exports = {
  CHROMIUM, LAUNCH_ARGS, log, launch, recordConsole, poll, Results,
  openWorkbench, quickPickRows, closeQuickInput, runCommand, closeAllEditors, quickOpenNotebook, activeNotebook,
  toolbarLabels, clickToolbar, kernelLabel, pickKernelIfAsked, selectKernel, focusedIndex, focusCell, cellState, rowExtent,
  outputFrames, outputsIn, describeOutputs, screenshot,
};
