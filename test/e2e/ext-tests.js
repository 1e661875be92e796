#!/usr/bin/env node
// Runs the extension-host suite (out/test/integration.js) inside code-server: the workbench URL's
// `payload` carries extensionDevelopmentPath (the repo) and extensionTestsPath (the bundle), both as
// vscode-remote://127.0.0.1:PORT/abs/path; the workbench calls window.codeAutomationExit(code) when
// the suite's run() settles. The suite itself writes its per-test results to NNBOOK_TEST_RESULT
// (set in code-server's environment by run.sh), which must be the --result given here.
'use strict';
const fs = require('fs');
const args = require('./args');
const { log, launch, recordConsole, screenshot } = require('./lib');

const a = args({ port: undefined, folder: undefined, dev: undefined, tests: undefined, result: undefined,
  shot: undefined, console: undefined, timeout: '900' });

function fail(message) {
  // no result file from the suite: one failure that says why
  fs.writeFileSync(a.result, JSON.stringify({ suite: 'integration', passed: 0, failed: 1,
    tests: [{ name: 'integration suite ran to its end', ok: false, error: message }] }, null, 2));
}

(async () => {
  const host = `127.0.0.1:${a.port}`;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${host}${a.dev}`],
    ['extensionTestsPath', `vscode-remote://${host}${a.tests}`],
  ];
  const url = `http://${host}/?folder=${encodeURIComponent(a.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  try { fs.unlinkSync(a.result); } catch { /* none yet */ }
  const browser = await launch();
  let code;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // the extension host's console reaches the browser console as "%c INFO color: #33f <text>";
    // the suite marks its own lines with "[nnbook-test]"
    recordConsole(page, a.console, (type, text) => {
      const i = text.indexOf('[nnbook-test] ');
      if (i >= 0) console.log('  ' + text.slice(i + 14));
    });
    let done;
    const exited = new Promise((r) => { done = r; });
    await page.exposeFunction('codeAutomationLog', () => {});
    await page.exposeFunction('codeAutomationExit', (c) => done(c));
    log('opening', url);
    await page.goto(url);
    const timeoutMs = Number(a.timeout) * 1000;
    let timer;
    code = await Promise.race([exited, new Promise((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    log('codeAutomationExit:', code);
    if (code !== 0 || !fs.existsSync(a.result)) await screenshot(page, a.shot);
  } finally {
    await browser.close().catch(() => {});
  }
  if (!fs.existsSync(a.result)) {
    fail(code === 'timeout' ? `no result after ${a.timeout} s (the suite hung or never started)` :
      `the suite ended (exit code ${code}) without writing ${a.result}: it did not load or crashed before mocha ran`);
  }
  const r = JSON.parse(fs.readFileSync(a.result, 'utf8'));
  if (code !== 0 && r.failed === 0) {
    r.tests.push({ name: 'integration: extension host exit code', ok: false, error: `exit code ${code} with no failed test` });
    r.failed++;
    fs.writeFileSync(a.result, JSON.stringify(r, null, 2));
  }
  console.log(`integration: ${r.passed} passed, ${r.failed} failed`);
  process.exit(r.failed ? 1 : 0);
})().catch((e) => {
  console.error('ext-tests:', e);
  try { if (!fs.existsSync(a.result)) fail(String(e && e.stack || e)); } catch { /* ignore */ }
  process.exit(2);
});
