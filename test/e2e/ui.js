#!/usr/bin/env node
// UI suite: every samples/*.nnbook opened in the workbench (Quick Open). The checks are derived
// from the saved .nnbook JSON, so a new sample is covered without touching this file:
//  - "saved outputs are drawn": each saved output of each cell is drawn in the notebook's nested
//    webview frame (…/pre/fake.html), matched 1:1 in order with the cell's rendered outputs —
//    text outputs (stdout/stderr/text/plain/error) show their text; application/vnd.nnbook.*+json
//    outputs are drawn (vega data marks = points in the payload, where the payload says how many;
//    canvases not blank).
//  - FAST samples also: pick the kernel "nnbook: Node (CPU/WASM)", Run All from the notebook
//    toolbar, wait (polling the DOM, with a deadline) until the run ends, every code cell shows
//    success, then save and check the new outputs are drawn the same way.
// One screenshot per sample (and per run) in --out.
'use strict';
const fs = require('fs');
const path = require('path');
const args = require('./args');
const L = require('./lib');

const a = args({ url: undefined, dir: undefined, out: undefined, result: undefined, console: undefined, only: '' });

/**
 * Notebooks that run in well under a minute: also run end-to-end in the UI. Must exist.
 * outputs-gallery is test/e2e/fixtures/ui/ (run.sh copies it beside the samples): one cell
 * per output kind, saved with outputs, so every renderer kind is checked even before the
 * samples carry saved outputs.
 */
const FAST = ['01-neuron-and-activations', '02-forward-propagation', '03-backprop-xor', '04-gradient-descent-and-optimisers', '05-keras-xor', '06-mnist-mlp', '09-overfitting-and-regularisation', 'outputs-gallery']; // every sample that runs in under half a minute here (07 and 08 train for 1–2 minutes)
const KERNEL = 'nnbook: Node (CPU/WASM)';
const RUN_DEADLINE_MS = Number(process.env.E2E_RUN_DEADLINE_MS || 5 * 60 * 1000);

const MIME_STDOUT = 'application/vnd.code.notebook.stdout';
const MIME_STDERR = 'application/vnd.code.notebook.stderr';
const MIME_ERROR = 'application/vnd.code.notebook.error';
const isNnbookMime = (m) => /^application\/vnd\.nnbook\.[\w.-]+\+json$/.test(m);
const TEXT_MIMES = [MIME_STDOUT, MIME_STDERR, 'text/plain'];

// ------------------------------------------------------------------ expectations from the file

function findNotebooks(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.nnbook')) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const joinText = (d) => (Array.isArray(d) ? d.join('') : typeof d === 'string' ? d : JSON.stringify(d));
function itemData(item) {
  if (item.encoding === 'base64' && typeof item.data === 'string') return Buffer.from(item.data, 'base64').toString('utf8');
  return item.data;
}
function jsonData(item) {
  const d = itemData(item);
  if (typeof d === 'string') { try { return JSON.parse(d); } catch { return undefined; } }
  return d;
}
// eslint-disable-next-line no-control-regex
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
const norm = (s) => stripAnsi(String(s)).replace(/\s+/g, ' ').trim();

/**
 * How many data marks an output of nnbook kind `kind` should draw, from its payload
 * (runtime/display/payloads.ts), or undefined when the kind says nothing countable
 * (tables, model summaries, image grids, progress bars).
 */
function countPoints(kind, p) {
  if (!p || typeof p !== 'object') return undefined;
  const finite = (ys) => ys.filter((y) => typeof y === 'number' && Number.isFinite(y)).length;
  // chart, activation, …: {series: [{name, x: [], y: []}]}: one mark per defined y
  if (Array.isArray(p.series)) return p.series.reduce((n, s) => n + (Array.isArray(s.y) ? finite(s.y) : 0), 0);
  switch (kind) {
    case 'heatmap': // {rows, cols, values}: one cell each (when drawn as vega rects)
      return typeof p.rows === 'number' && typeof p.cols === 'number' ? p.rows * p.cols : undefined;
    case 'confusion':
      return Array.isArray(p.labels) ? p.labels.length ** 2 : undefined;
    case 'vega': {  // a vega-lite spec with inline data
      const v = p.spec && p.spec.data && p.spec.data.values;
      return Array.isArray(v) ? v.length : undefined;
    }
    default:
      return undefined;
  }
}

/** What one saved output must look like once drawn. */
function expectOutput(output) {
  const items = output.items || [];
  const nn = items.find((i) => isNnbookMime(i.mime));
  if (nn) {
    const payload = jsonData(nn);
    const kind = /^application\/vnd\.nnbook\.([\w.-]+)\+json$/.exec(nn.mime)[1];
    return { kind: 'nnbook', mime: nn.mime, points: countPoints(kind, payload) };
  }
  const err = items.find((i) => i.mime === MIME_ERROR);
  if (err) {
    const e = jsonData(err) || {};
    return { kind: 'error', mime: err.mime, text: norm(e.message || e.name || '') };
  }
  const txt = items.find((i) => TEXT_MIMES.includes(i.mime));
  if (txt) return { kind: 'text', mime: txt.mime, text: norm(joinText(itemData(txt))) };
  const img = items.find((i) => i.mime.startsWith('image/'));
  if (img) return { kind: 'image', mime: img.mime };
  return { kind: 'other', mime: items.map((i) => i.mime).join(',') };
}

/** Problems with one drawn output `got` against `exp` (empty list: fine). */
function judge(exp, got) {
  const p = [];
  if (got.hidden) p.push('is hidden');
  for (const [i, c] of got.canvases.entries()) {
    if (c.error) p.push(`canvas ${i} could not be read: ${c.error}`);
    else if (c.blank) p.push(`canvas ${i} (${c.w}×${c.h}) is blank`);
  }
  const gotText = norm(got.text);
  // the workbench's own failure texts, drawn in place of an output
  const broken = /Error loading renderer|Error rendering output|No renderer could be found|Failed to render|Could not render/i.exec(gotText);
  if (broken) p.push(`${exp.mime}: the workbench shows "${gotText.slice(Math.max(0, broken.index), broken.index + 160)}"`);
  switch (exp.kind) {
    case 'text':
    case 'error':
      if (exp.text && !gotText.includes(exp.text)) {
        p.push(`${exp.mime}: text not shown; want ${JSON.stringify(exp.text.slice(0, 120))}, drawn ${JSON.stringify(gotText.slice(0, 120))}`);
      }
      break;
    case 'nnbook': {
      const counts = Object.values(got.marks);
      const drawn = got.height > 0 && (counts.some((n) => n > 0) || got.canvases.length > 0 || got.images.some((i) => i.w > 0) || got.tables > 0 || gotText.length > 0);
      if (!drawn) p.push(`${exp.mime}: nothing drawn (height ${got.height}, no marks, canvas, image or text)`);
      else if (exp.points !== undefined && !counts.some((n) => n > 0) && !got.canvases.length) {
        p.push(`${exp.mime}: a chart of ${exp.points} points drawn as text only: ${JSON.stringify(gotText.slice(0, 100))}`);
      }
      if (exp.points !== undefined && counts.length > 0) {
        const total = counts.reduce((x, y) => x + y, 0);
        if (!counts.includes(exp.points) && total !== exp.points) {
          p.push(`${exp.mime}: ${exp.points} points in the payload, vega data marks ${JSON.stringify(got.marks)}`);
        }
      }
      break;
    }
    case 'image':
      if (!got.images.some((i) => i.w > 0 && i.h > 0)) p.push(`${exp.mime}: no decoded image`);
      break;
    default:
      if (!(got.height > 0)) p.push(`${exp.mime}: zero height`);
  }
  return p;
}

/** Checks every cell's outputs of `notebook` (parsed .nnbook) against what the workbench draws. */
async function verifyDrawn(page, notebook, label) {
  const notes = [];
  for (const [index, cell] of (notebook.cells || []).entries()) {
    const outputs = cell.outputs || [];
    if (!outputs.length) continue;
    const exp = outputs.map(expectOutput);
    const row = await L.focusCell(page, index);
    let problems = [];
    let seen = [];
    try {
      await L.poll(async () => {
        const got = await L.outputsIn(page, await L.rowExtent(row));
        seen = got;
        problems = [];
        if (got.length !== exp.length) {
          problems.push(`${exp.length} saved outputs (${exp.map((e) => e.mime).join(', ')}) but ${got.length} drawn: ` +
            JSON.stringify(got.map((g) => norm(g.text).slice(0, 60))));
        } else {
          exp.forEach((e, k) => judge(e, got[k]).forEach((m) => problems.push(`output ${k + 1}: ${m}`)));
          exp.forEach((e, k) => {
            if (e.kind === 'nnbook' && e.points !== undefined && !Object.keys(got[k].marks).length) {
              notes.push(`cell ${index + 1} output ${k + 1} ${e.mime}: drawn without vega SVG marks (canvas?): ${e.points} points not counted`);
            }
          });
        }
        return problems.length === 0;
      }, { timeout: 20000, interval: 250, what: `the outputs of cell ${index + 1}` });
    } catch (e) {
      throw new Error(`${label}, cell ${index + 1}: ${problems.join('; ') || e.message}`);
    }
    if (process.env.E2E_VERBOSE || exp.some((x) => x.kind === 'nnbook')) {
      L.log(`   cell ${index + 1}: ` + exp.map((x, k) => x.kind === 'nnbook'
        ? `${x.mime.replace(/^application\/vnd\.nnbook\.|\+json$/g, '')}${x.points !== undefined ? ` ${x.points} points` : ''} → marks ${JSON.stringify(seen[k].marks)}` +
          `${seen[k].canvases.length ? `, ${seen[k].canvases.length} canvas` : ''}${seen[k].tables ? `, ${seen[k].tables} table` : ''}`
        : x.mime.replace(/^application\/vnd\.code\.notebook\./, '')).join(' | '));
    }
  }
  for (const n of [...new Set(notes)]) L.log('   note:', n);
}

// ------------------------------------------------------------------ running

const isRunningToolbar = (labels) => labels.some((l) => /^(Stop Execution|Interrupt)/.test(l || ''));

async function visibleStates(page) {
  return L.activeNotebook(page).locator('.monaco-list-row.code-cell-row').evaluateAll((rows) => rows.map((e) => {
    const has = (c) => !!e.querySelector(`.cell-statusbar-container .codicon-${c}`);
    return has('notebook-state-executing') ? 'running' : has('notebook-state-pending') ? 'pending'
      : has('notebook-state-error') ? 'error' : has('notebook-state-success') ? 'success' : 'none';
  }));
}

/**
 * Installs a MutationObserver that remembers whether any cell of the visible notebook was
 * ever pending or executing, or the toolbar offered Stop Execution (however briefly).
 */
async function watchRunStart(page) {
  await page.evaluate(() => {
    const seen = () => !!document.querySelector('.notebookOverlay .codicon-notebook-state-executing, ' +
      '.notebookOverlay .codicon-notebook-state-pending, .notebookOverlay .notebook-toolbar-container [aria-label^="Stop Execution"], ' +
      '.notebookOverlay .notebook-toolbar-container [aria-label^="Interrupt"]');
    window.__nnbookRunSeen = false;
    if (window.__nnbookRunObserver) window.__nnbookRunObserver.disconnect();
    const obs = new MutationObserver(() => { if (!window.__nnbookRunSeen && seen()) window.__nnbookRunSeen = true; });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class', 'aria-label'] });
    window.__nnbookRunObserver = obs;
  });
}

async function runAll(page, notebook, name) {
  await L.selectKernel(page, KERNEL);
  await watchRunStart(page);
  const clicked = Date.now();
  await L.clickToolbar(page, 'Run All');
  await L.pickKernelIfAsked(page, KERNEL, 1500);
  await L.poll(() => page.evaluate(() => window.__nnbookRunSeen), { timeout: 30000, interval: 100, what: `${name}: the run to start (a pending/executing cell or Stop Execution)` });
  const t0 = Date.now();
  await L.poll(async () => {
    if (isRunningToolbar(await L.toolbarLabels(page))) return false;
    return (await visibleStates(page)).every((s) => s !== 'running' && s !== 'pending');
  }, { timeout: RUN_DEADLINE_MS, interval: 500, what: `${name}: Run All to finish` });
  L.log(`   ${name}: run finished in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const bad = [];
  for (const [i, c] of notebook.cells.entries()) {
    if (c.kind === 'markdown') continue;
    const row = await L.focusCell(page, i);
    const state = await L.cellState(row);
    if (state !== 'success') {
      const ext = await L.rowExtent(row);
      const outs = await L.outputsIn(page, ext);
      bad.push(`cell ${i + 1}: ${state}${outs.length ? ` — ${norm(outs.map((o) => o.text).join(' | ')).slice(0, 300)}` : ''}`);
    }
  }
  if (bad.length) throw new Error(`${name}: cells did not succeed:\n${bad.join('\n')}`);
  return clicked;
}

/**
 * live-chart: runs its one cell and samples the chart's data marks while the cell is still
 * executing (they must grow), then checks the final count and that the saved notebook
 * reopens with the same final chart.
 */
async function liveCheck(page, file, rel, name) {
  await L.selectKernel(page, KERNEL);
  await watchRunStart(page);
  await L.clickToolbar(page, 'Run All');
  await L.pickKernelIfAsked(page, KERNEL, 1500);
  await L.poll(() => page.evaluate(() => window.__nnbookRunSeen), { timeout: 30000, interval: 100, what: `${name}: the run to start` });
  const points = (outs) => outs.reduce((n, o) => n + (o.marks.symbol || o.marks.line || 0), 0);
  const whileRunning = [];
  await L.poll(async () => {
    const [state] = await visibleStates(page);
    const row = L.activeNotebook(page).locator('.monaco-list-row.code-cell-row').first();
    const n = points(await L.outputsIn(page, await L.rowExtent(row)));
    if (state === 'running') { if (!whileRunning.includes(n)) whileRunning.push(n); return false; }
    return state === 'success' || state === 'error';
  }, { timeout: 60000, interval: 150, what: `${name}: the cell to finish` });
  L.log(`   ${name}: data marks seen while running: ${whileRunning.join(', ')}`);
  const growing = whileRunning.filter((n) => n > 0);
  if (growing.length < 2 || growing[growing.length - 1] <= growing[0]) {
    throw new Error(`${name}: the chart did not gain points while its cell ran (seen: ${whileRunning.join(', ') || 'nothing'})`);
  }
  const after = await saveAndRead(page, file, { cells: [{}] });
  await verifyDrawn(page, after, 'final chart');
  const payload = jsonData(after.cells[0].outputs.flatMap((o) => o.items).find((i) => /chart\+json$/.test(i.mime)));
  if (countPoints('chart', payload) !== 60) throw new Error(`${name}: the saved chart has ${countPoints('chart', payload)} points, not 60`);
  await L.closeAllEditors(page);
  await L.quickOpenNotebook(page, rel);
  await verifyDrawn(page, after, 'reopened');
}

/** Every code cell ran in this run: its saved execution summary (docs/FORMAT.md, metadata.execution) started after `since`. */
function assertRanSince(after, since, name) {
  const stale = [];
  let summaries = 0;
  for (const [i, c] of after.cells.entries()) {
    if (c.kind === 'markdown') continue;
    const ex = c.metadata && c.metadata.execution;
    if (!ex) continue;
    summaries++;
    const start = ex.timing && ex.timing.startTime;
    if (ex.success !== true || !(start >= since - 2000)) stale.push(`cell ${i + 1}: ${JSON.stringify(ex)}`);
  }
  if (!summaries) L.log(`   note: ${name}: the saved file has no metadata.execution: cannot confirm from the file that every cell ran`);
  if (stale.length) throw new Error(`${name}: cells that did not run (successfully) in this run, per the saved file:\n${stale.join('\n')}`);
}

async function saveAndRead(page, file, notebook) {
  const before = fs.statSync(file).mtimeMs;
  const saved = async () => fs.statSync(file).mtimeMs !== before &&
    !/\bdirty\b/.test(await page.locator('.tabs-container .tab.active').getAttribute('class'));
  await L.focusCell(page, notebook.cells.length - 1);   // keyboard focus in the notebook
  await page.keyboard.press('Control+S');
  try {
    await L.poll(saved, { timeout: 5000, what: 'Ctrl+S to save' });
  } catch {
    await L.runCommand(page, 'File: Save');
    await L.poll(saved, { timeout: 20000, what: `${path.basename(file)} to be saved` });
  }
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

// ------------------------------------------------------------------ main

(async () => {
  const results = new L.Results('ui', a.result);
  const only = a.only ? a.only.split(/[\s,]+/).filter(Boolean) : null;
  let samples = findNotebooks(a.dir);
  const stem = (rel) => path.basename(rel, '.nnbook');
  if (only) samples = samples.filter((s) => only.includes(stem(s)));
  L.log(`samples: ${samples.join(', ') || '(none)'}`);

  for (const f of FAST) {
    if (only && !only.includes(f)) continue;
    if (!samples.some((s) => stem(s) === f)) {
      await results.check(`${f}: notebook exists`, async () => { throw new Error(`${f}.nnbook is missing under ${a.dir} (it is in the FAST list of test/e2e/ui.js)`); });
    }
  }
  if (!samples.length) {
    await results.check('samples/ holds .nnbook files', async () => {
      throw new Error(only ? `E2E_SAMPLES=${a.only} matches no .nnbook under ${a.dir}` : `no .nnbook under ${a.dir}`);
    });
  }

  const browser = await L.launch();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  L.recordConsole(page, a.console);
  try {
    await L.openWorkbench(page, a.url);
    for (const rel of samples) {
      // A translated edition (zh-CN/…) gets its own screenshots; its code cells are the
      // English ones (a unit test holds that), so only the English notebook is run.
      const translated = rel.startsWith(`zh-CN${path.sep}`);
      const name = translated ? rel.replace(/\.nnbook$/, '').split(path.sep).join('-') : stem(rel);
      const file = path.join(a.dir, rel);
      const shot = (suffix) => path.join(a.out, `ui-${name}${suffix}.png`);
      let nb;
      const opened = await results.check(`${name}: opens and its saved outputs are drawn`, async () => {
        nb = JSON.parse(fs.readFileSync(file, 'utf8'));
        if ((await page.locator('.tabs-container .tab').count()) > 0) await L.closeAllEditors(page);
        await L.quickOpenNotebook(page, rel);
        const count = await L.activeNotebook(page).locator('.monaco-list-row').count();
        if (!count) throw new Error('the notebook shows no cells');
        try {
          await verifyDrawn(page, nb, 'saved outputs');
        } finally {
          await L.focusCell(page, 0).catch(() => {});
          await L.screenshot(page, shot(''));
        }
      });
      if (!opened) await L.screenshot(page, shot('-FAILED'));
      if (name === 'live-chart') {
        await results.check(`${name}: the chart gains points while the cell runs; the saved notebook reopens with the final chart`, async () => {
          if (!opened) throw new Error('skipped: the notebook did not open cleanly');
          try { await liveCheck(page, file, rel, name); } finally { await L.screenshot(page, shot('-run')); }
        });
        continue;
      }
      if (translated || !FAST.includes(name)) continue;
      const ok = await results.check(`${name}: Run All (${KERNEL}) — every cell succeeds and its outputs are drawn`, async () => {
        if (!opened) throw new Error('skipped: the sample did not open cleanly');
        const clicked = await runAll(page, nb, name);
        const t = Date.now();
        const after = await saveAndRead(page, file, nb);
        assertRanSince(after, clicked, name);
        L.log(`   ${name}: saved in ${Date.now() - t} ms`);
        const withOutputs = after.cells.filter((c) => (c.outputs || []).length).length;
        L.log(`   ${name}: ${withOutputs} cells with outputs after the run`);
        try {
          await verifyDrawn(page, after, 'outputs after Run All');
        } finally {
          await L.screenshot(page, shot('-run'));
        }
      });
      if (!ok) await L.screenshot(page, shot('-run-FAILED'));
    }
  } catch (e) {
    await results.check('ui suite ran to its end', async () => { throw e; });
    await L.screenshot(page, path.join(a.out, 'ui-FAILED.png'));
  } finally {
    await browser.close().catch(() => {});
    results.write();
  }
  console.log(`ui: ${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
})().catch((e) => {
  console.error('ui.js:', e);
  process.exit(2);
});
