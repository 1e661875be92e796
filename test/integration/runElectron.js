#!/usr/bin/env node
// `npm run test:integration`: the extension-host suite (test/integration/*.test.ts, bundled by
// esbuild.js into out/test/integration.js) inside a desktop VS Code downloaded by
// @vscode/test-electron. Needs a machine that can download VS Code; where none can be
// downloaded, `npm run test:e2e` runs the same suite inside code-server instead.
//
// Env: VSCODE_VERSION (default: the engines.vscode floor, 1.100.0; "stable" for the newest),
//      NNBOOK_TEST_GREP (only tests whose full title matches), NNBOOK_TEST_RESULT (JSON summary path).
const path = require('path');
const fs = require('fs');
const os = require('os');
const { execFileSync } = require('child_process');

const root = path.resolve(__dirname, '../..');

function copyDir(from, to) {
  fs.mkdirSync(to, { recursive: true });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, e.name);
    const b = path.join(to, e.name);
    if (e.isDirectory()) copyDir(a, b);
    else fs.copyFileSync(a, b);
  }
}

async function main() {
  const { runTests } = require('@vscode/test-electron');
  console.log('building …');
  execFileSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  const bundle = path.join(root, 'out/test/integration.js');
  if (!fs.existsSync(bundle)) throw new Error(`${bundle} was not built`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-integration-'));
  const ws = path.join(tmp, 'ws');
  copyDir(path.join(__dirname, 'fixtures/ws'), ws);   // the tests write files: never into the repo
  const result = process.env.NNBOOK_TEST_RESULT || path.join(tmp, 'integration.json');
  const t0 = Date.now();
  let code = 0;
  try {
    await runTests({
      version: process.env.VSCODE_VERSION || '1.100.0',
      extensionDevelopmentPath: root,
      extensionTestsPath: bundle,
      extensionTestsEnv: { NNBOOK_TEST_RESULT: result, NNBOOK_TEST_GREP: process.env.NNBOOK_TEST_GREP || '' },
      launchArgs: [
        ws,
        '--disable-extensions',          // only the extension under test
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        `--user-data-dir=${path.join(tmp, 'udd')}`,
      ],
    });
  } catch (e) {
    console.error(String(e && e.message ? e.message : e));
    code = 1;
  }
  let summary = 'integration: no result file (the suite did not run to its end)';
  if (fs.existsSync(result)) {
    const r = JSON.parse(fs.readFileSync(result, 'utf8'));
    for (const t of r.tests.filter((t) => !t.ok)) console.log(`FAILED ${t.name}\n${t.error}\n`);
    summary = `integration: ${r.passed} passed, ${r.failed} failed`;
    if (r.failed > 0) code = 1;
  } else code = 1;
  console.log(`${summary} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.exit(code);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
