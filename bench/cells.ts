/**
 * Cell benchmarks for the Foundation targets (BENCHMARKS.md):
 *   - median round trip of an empty cell through the node kernel (host compile → worker
 *     evaluate → 'done' back), target ≤ 10 ms;
 *   - median warm compile time of a realistic 200-line cell, target ≤ 5 ms;
 *   - node kernel start (worker spawn → tfjs backend ready).
 *
 *   npm run bench:cells            (needs `npm run build` for out/kernel-node.js)
 *
 * Prints a table and one JSON line.
 */
import * as path from 'path';
import { compileCell } from '../src/compile';
import { MLP_CELL } from '../src/compile/testing/mlpCell';
import { KernelSession } from '../src/kernel/KernelSession';
import { NodeKernel } from '../src/kernel/NodeKernel';
import { roundTrips } from './roundTrips';

const WORKER = path.resolve(__dirname, '../out/kernel-node.js');

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p95: q(0.95), min: s[0] };
}

async function main() {
  // compile
  const known = new Set(['tf', 'nn']);
  for (let i = 0; i < 100; i++) compileCell(MLP_CELL, { filename: 'cell 1', known });
  const compileMs: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    compileCell(MLP_CELL, { filename: 'cell 1', known });
    compileMs.push(performance.now() - t0);
  }

  // kernel start
  const startMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const k = new NodeKernel({ workerPath: WORKER });
    const t0 = performance.now();
    await k.start();
    startMs.push(performance.now() - t0);
    k.dispose();
  }

  // round trip
  const session = new KernelSession(new NodeKernel({ workerPath: WORKER }));
  await session.start();
  const rtMs = await roundTrips(session, '', { warmup: 50, runs: 300 });
  const valueMs = await roundTrips(session, '1 + 1', { warmup: 0, runs: 100 });
  session.dispose();

  const c = stats(compileMs), r = stats(rtMs), v = stats(valueMs), k = stats(startMs);
  const lines = MLP_CELL.split('\n').length;
  console.log('| measure | median | p95 | target |');
  console.log('|---|---|---|---|');
  console.log(`| empty-cell round trip (node kernel) | ${r.median.toFixed(2)} ms | ${r.p95.toFixed(2)} ms | ≤ 10 ms |`);
  console.log(`| \`1 + 1\` round trip (value shown) | ${v.median.toFixed(2)} ms | ${v.p95.toFixed(2)} ms | |`);
  console.log(`| compile, ${lines}-line cell (warm) | ${c.median.toFixed(2)} ms | ${c.p95.toFixed(2)} ms | ≤ 5 ms |`);
  console.log(`| node kernel start (spawn → tfjs ready) | ${k.median.toFixed(0)} ms | | |`);
  console.log(JSON.stringify({ empty_cell_round_trip_ms: r.median, value_cell_round_trip_ms: v.median, compile_200_line_ms: c.median, kernel_start_ms: k.median }));
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
