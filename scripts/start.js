#!/usr/bin/env node
// `npm start`: build, then open samples/ in a real VS Code with the extension loaded.
//  - `code` on PATH: `code --extensionDevelopmentPath=<repo> samples/` (a desktop Extension
//    Development Host window).
//  - otherwise: the cached code-server (test/e2e/install-code-server.sh installs it into
//    .vscode-test/ if missing) on 127.0.0.1, with the extension loaded from the repo as an
//    extension under development (the URL's payload), or, with --vsix, from a freshly packaged
//    .vsix installed into its own --extensions-dir. Prints the URL; Ctrl+C stops the server and
//    everything it started (its whole process group).
// Options: --port N (default 8080, or a free one when taken) · --vsix · --no-build · --code-server
//          (use code-server even when `code` is on PATH) · --folder DIR (default samples/)
// State (settings, extensions, logs) lives in .vscode-test/start/ (git-ignored), never in ~.
'use strict';
const { spawn, spawnSync, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const CS_VERSION = process.env.CS_VERSION || '4.100.3';
const csDir = path.join(root, '.vscode-test', `code-server-${CS_VERSION}`);
const csBin = path.join(csDir, 'node_modules', '.bin', 'code-server');
const state = path.join(root, '.vscode-test', 'start');

function parseArgs(argv) {
  const o = { port: 8080, vsix: false, build: true, codeServer: false, folder: path.join(root, 'samples') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--port') o.port = Number(argv[++i]);
    else if (a === '--vsix') o.vsix = true;
    else if (a === '--no-build') o.build = false;
    else if (a === '--code-server') o.codeServer = true;
    else if (a === '--folder') o.folder = path.resolve(argv[++i]);
    else if (a === '-h' || a === '--help') {
      console.log('usage: npm start -- [--port N] [--vsix] [--no-build] [--code-server] [--folder DIR]');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  return o;
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitHealthy(port, child, ms = 60000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) return;
    } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer on 127.0.0.1:${port} within ${ms / 1000} s`);
}

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.build) run('npm', ['run', 'build']);

  if (!o.codeServer && onPath('code')) {
    console.log(`opening ${o.folder} in VS Code with the extension under development`);
    const child = spawn('code', [`--extensionDevelopmentPath=${root}`, o.folder], { stdio: 'inherit' });
    child.on('exit', (c) => process.exit(c ?? 0));
    return;
  }

  run('bash', [path.join(root, 'test/e2e/install-code-server.sh'), csDir, CS_VERSION]);
  const udd = path.join(state, 'user-data');
  const extDir = path.join(state, 'extensions');
  const xdg = path.join(state, 'xdg');
  for (const d of [path.join(udd, 'User'), extDir, xdg]) fs.mkdirSync(d, { recursive: true });
  const settings = path.join(udd, 'User', 'settings.json');
  if (!fs.existsSync(settings)) {
    fs.writeFileSync(settings, JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'update.mode': 'none',
      'workbench.enableExperiments': false,
    }, null, 2));
  }
  const config = path.join(state, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
    XDG_STATE_HOME: path.join(xdg, 'state'),
    EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/items' }),
  };
  const base = [csBin, '--config', config, '--user-data-dir', udd, '--extensions-dir', extDir];

  if (o.vsix) {
    const vsix = path.join(state, 'nnbook.vsix');
    run('npx', ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', vsix], { stdio: ['ignore', 'inherit', 'inherit'] });
    run(base[0], [...base.slice(1), '--install-extension', vsix, '--force'], { env });
  } else {
    // an installed copy would shadow nothing (the development path wins), but keep the dir clean
    spawnSync(base[0], [...base.slice(1), '--uninstall-extension', 'nnbook.nnbook'], { env, stdio: 'ignore' });
  }

  const port = (await portFree(o.port)) ? o.port : await freePort();
  if (port !== o.port) console.log(`port ${o.port} is taken: using ${port}`);
  // detached: code-server leads its own process group, so one signal stops it, its
  // extension hosts and the kernels they started
  const child = spawn(base[0], [...base.slice(1), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override', o.folder],
  { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const logFile = fs.createWriteStream(path.join(state, 'code-server.log'));
  child.stdout.pipe(logFile);
  child.stderr.pipe(logFile);

  let stopping = false;
  const stop = (code) => {
    if (stopping) return;
    stopping = true;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
    setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
      process.exit(code);
    }, 3000).unref();
    child.once('exit', () => process.exit(code));
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGHUP', () => stop(0));
  process.on('exit', () => { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } });
  child.on('exit', (c) => { if (!stopping) { console.log(`code-server exited (${c}); log: ${path.join(state, 'code-server.log')}`); process.exit(c ?? 1); } });

  await waitHealthy(port, child);
  const host = `127.0.0.1:${port}`;
  let url = `http://${host}/?folder=${encodeURIComponent(o.folder)}`;
  if (!o.vsix) {
    url += `&payload=${encodeURIComponent(JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${host}${root}`]]))}`;
  }
  console.log(`\nnnbook in VS Code ${o.vsix ? '(packaged .vsix)' : '(extension under development: rebuild, then "Developer: Reload Window")'}:`);
  console.log(`\n  ${url}\n`);
  console.log(`log: ${path.join(state, 'code-server.log')} · Ctrl+C stops it`);
}

main().catch((e) => {
  console.error(e && e.message ? e.message : e);
  process.exit(1);
});
