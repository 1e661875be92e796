#!/usr/bin/env node
// `npm test`: builds, then runs every suite in turn and ends with ONE line totalling them
// all — `N passed, M failed` — which CI reads. Each suite's own output streams through.
//   NNBOOK_SUITES=unit,kernel   run only these suites (default: all)
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const samples = fs.readdirSync(path.join(root, 'samples')).filter((f) => f.endsWith('.nnbook')).sort();

/** Each suite: a command, and how to count its results from its output. */
const suites = [
  { name: 'build', cmd: ['npm', ['run', 'build']], count: exitOnly },
  { name: 'typecheck', cmd: ['npx', ['tsc', '-p', '.']], count: exitOnly },
  { name: 'unit', cmd: ['npm', ['run', 'test:unit']], count: mochaCounts },
  { name: 'kernel', cmd: ['npm', ['run', 'test:kernel']], count: mochaCounts },
  { name: 'renderer', cmd: ['npm', ['run', 'test:renderer']], count: linePrefixCounts('renderer') },
  ...samples.map((f) => ({ name: `sample ${f}`, group: 'samples', cmd: ['node', ['bin/nnbook.js', 'run', `samples/${f}`, '--timeout', '600']], count: exitOnly })),
  { name: 'e2e', cmd: ['npm', ['run', 'test:e2e']], count: linePrefixCounts('e2e') },
];

function exitOnly(_out, code) { return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }; }
function mochaCounts(out, code) {
  const passed = Number((/(\d+) passing/.exec(out) || [])[1] || 0);
  const failed = Number((/(\d+) failing/.exec(out) || [])[1] || 0);
  // A runner that crashed before its summary still counts as a failure.
  return { passed, failed: failed || (code !== 0 ? 1 : 0) };
}
/** Suites that end with their own `<prefix>: N passed, M failed` line. */
function linePrefixCounts(prefix) {
  const re = new RegExp(`^${prefix}: (\\d+) passed, (\\d+) failed`, 'gm');
  return (out, code) => {
    const m = [...out.matchAll(re)].pop();
    if (!m) return { passed: 0, failed: 1 };
    return { passed: Number(m[1]), failed: Number(m[2]) || (code !== 0 ? 1 : 0) };
  };
}

function run([cmd, args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ out, code: code ?? 1 }));
  });
}

(async () => {
  const only = process.env.NNBOOK_SUITES ? process.env.NNBOOK_SUITES.split(',') : undefined;
  const rows = [];
  for (const s of suites) {
    if (only && !only.includes(s.name) && !only.includes(s.group)) continue;
    console.log(`\n=== ${s.name} ===`);
    const t0 = Date.now();
    const { out, code } = await run(s.cmd);
    const c = s.count(out, code);
    rows.push({ name: s.name, ...c, s: (Date.now() - t0) / 1000 });
    if (s.name === 'build' && code !== 0) break; // nothing else can run without the bundles
  }
  console.log('\n=== summary ===');
  for (const r of rows) console.log(`${r.name.padEnd(40)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.s.toFixed(1).padStart(7)} s`);
  const passed = rows.reduce((a, r) => a + r.passed, 0);
  const failed = rows.reduce((a, r) => a + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();
