#!/usr/bin/env node
// Renderer test in a real browser: `node test/renderer/run.js` (npm run test:renderer).
// Bundles renderers/index.ts with esbuild into a temp dir, serves a test page on
// 127.0.0.1 under a notebook-like CSP (no 'unsafe-eval'), opens it in Chromium through
// playwright-core, and calls the renderer's activate/renderOutputItem with a fake ctx:
// each kind draws its data marks, malformed payloads give the error box, hostile text
// stays text, live deltas are applied in order. Prints `renderer: N passed, M failed`.
//   CHROMIUM=/path/to/chrome   browser to use (default /usr/bin/chromium)
'use strict';
const esbuild = require('esbuild');
require('tsx/cjs'); // after esbuild: tsx loads its own esbuild
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { wellFormed, malformed, hostile } = require('./payloads.ts');

const root = path.resolve(__dirname, '../..');
const results = [];
const check = (name, ok, detail = '') => { results.push({ name, ok }); console.log(`${ok ? '  ✓' : '  ✗'} ${name}${ok || !detail ? '' : `\n      ${detail}`}`); };

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-renderer-'));
  await esbuild.build({ entryPoints: [path.join(root, 'renderers/index.ts')], outfile: path.join(dir, 'renderer.js'), bundle: true, format: 'esm', platform: 'browser', target: 'es2022', logLevel: 'warning' });
  fs.copyFileSync(path.join(__dirname, 'harness.js'), path.join(dir, 'harness.js'));
  fs.copyFileSync(path.join(__dirname, 'page.html'), path.join(dir, 'index.html'));
  const types = { '.js': 'text/javascript', '.html': 'text/html' };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^[/\\]+/, '') || 'index.html');
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${server.address().port}/index.html`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const requests = [];
  const pageErrors = [];
  const cspViolations = [];
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (/Content Security Policy|unsafe-eval/i.test(m.text())) cspViolations.push(m.text()); });
    page.on('request', (r) => { if (!r.url().startsWith(url.replace('index.html', ''))) requests.push(r.url()); });
    await page.goto(url);
    await page.waitForFunction(() => window.nnTest !== undefined, null, { timeout: 20000 });

    console.log('kinds draw their data marks');
    for (const c of await wellFormed()) {
      const got = await page.evaluate(({ c }) => window.nnTest.render(c.name, c.mime, JSON.stringify(c.payload)), { c });
      const bad = Object.entries(c.expect).filter(([k, n]) => (got.counts[k] ?? 0) !== n);
      check(`${c.name} (${c.mime.split('.').pop()})`, !got.error && got.height > 0 && bad.length === 0,
        got.error ? `error box: ${got.text.slice(0, 200)}` : `want ${JSON.stringify(c.expect)}, drawn ${JSON.stringify(got.counts)} height ${got.height}`);
    }
    const progressText = await page.evaluate(() => window.nnTest.text('progress bar'));
    check('progress bar says epoch, batch, samples/s and ETA', /epoch 2\/5 · batch 3\/10 · 5,000 samples\/s · ETA 0:12/.test(progressText), progressText);
    const themed = await page.evaluate(() => window.nnTest.axisLabelFill('line, two series'));
    check('chart text takes --vscode-foreground', themed === '#d4d4d4', `axis label fill ${themed}`);

    console.log('malformed payloads give the error box');
    for (const [name, mime, text] of malformed()) {
      const got = await page.evaluate(({ name, mime, text }) => window.nnTest.render(`bad: ${name}`, mime, text), { name, mime, text });
      check(`malformed: ${name}`, got.error && got.text.includes('nnbook cannot draw this output'), `drawn: ${JSON.stringify(got.counts)} ${got.text.slice(0, 120)}`);
    }

    console.log('payload text is text');
    for (const c of hostile()) {
      const got = await page.evaluate(({ c }) => window.nnTest.render(`xss: ${c.name}`, c.mime, JSON.stringify(c.payload)), { c });
      const bad = Object.entries(c.expect).filter(([k, n]) => (got.counts[k] ?? 0) !== n);
      check(`hostile ${c.name}: shown as text, drawn`, !got.error && bad.length === 0 && got.text.includes('<img src=x onerror=') && got.elements.img === 0 && got.elements.script === 0,
        `${JSON.stringify(got.counts)} ${JSON.stringify(got.elements)} ${got.text.slice(0, 160)}`);
    }
    // No <img>/<script> element was created (checked above), so no handler can still fire.
    const xss = await page.evaluate(() => window.__xss);
    check('no payload script ran', xss === undefined, `window.__xss = ${xss}`);

    console.log('live updates');
    const live = await page.evaluate(() => window.nnTest.live());
    for (const [name, ok, detail] of live.checks) check(name, ok, detail);

    check('no uncaught page errors', pageErrors.length === 0, pageErrors.join('\n'));
    check('no CSP violations (vega runs without eval)', cspViolations.length === 0, cspViolations.join('\n'));
    check('no network requests beyond the test page', requests.length === 0, requests.join('\n'));
    if (live.rate) console.log(`renderer live updates, burst: ${live.rate.updates} one-point deltas sent at once, all drawn in ${live.rate.ms.toFixed(0)} ms (${live.rate.perSec.toFixed(0)} deltas/s; coalesced per frame)`);
    if (live.sustained) console.log(`renderer live updates, sustained: ${live.sustained.perSec.toFixed(0)} deltas/s (5 points each, chart growing to ${live.sustained.points} points), latency sent→drawn p50 ${live.sustained.p50.toFixed(0)} ms, p95 ${live.sustained.p95.toFixed(0)} ms`);
    if (process.env.RENDERER_SCREENSHOT) await page.screenshot({ path: process.env.RENDERER_SCREENSHOT, fullPage: true });
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => { check('renderer test ran', false, e && e.stack || String(e)); }).finally(() => {
  const failed = results.filter((r) => !r.ok).length;
  console.log(`renderer: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
});
