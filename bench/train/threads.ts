/**
 * WASM with 1 XNNPACK thread against 2 (or N), on the fast path's MNIST training
 * (784-128-10, Adam, batch 128, the shipped 10,000 digits). Threads are fixed when a
 * process starts WASM, so each measurement is a fresh process, in ABBA order so that
 * the machine's drift (this VM moves 1.5× run to run) hits both alike; the medians and
 * their ratio are printed, with CPU time (threads cost CPU while they wait).
 *
 *   npx tsx bench/train/threads.ts [pairs=6] [threads=2]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { decodeMnist } from '../../runtime/data/mnistFormat';
import { fastFit } from '../../runtime/fast/fastFit';
import { median } from '../median';
import { MNIST_FILE } from './data';
import { seededMlp } from './seededMlp';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

interface Run { threads: number; samplesPerSec: number; samplesPerCpuSec: number; detail: string }

/** One process's measurement: a warm-up epoch, then the median of 4. */
async function child(threads: number): Promise<Run> {
  const { detail } = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR, threads });
  const d = decodeMnist(new Uint8Array(zlib.gunzipSync(fs.readFileSync(MNIST_FILE))));
  const xs = new Float32Array(d.count * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = d.pixels[i] / 255;
  const x = tf.tensor2d(xs, [d.count, 784]), y = tf.tensor1d(Float32Array.from(d.labels), 'float32');
  const model = seededMlp();
  const wall: number[] = [], cpu: number[] = [];
  for (let e = 0; e < 5; e++) {
    const c0 = process.cpuUsage(), t0 = performance.now();
    const r = await fastFit(tf, model, x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
    if (typeof r === 'string') throw new Error(`fastFit fell back: ${r}`);
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { threads, detail, samplesPerSec: Math.round(d.count / (median(wall.slice(1)) / 1000)), samplesPerCpuSec: Math.round(d.count / (median(cpu.slice(1)) / 1000)) };
}

function spawnChild(threads: number): Run {
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', __filename, '--child', String(threads)], { encoding: 'utf8', cwd: path.join(__dirname, '../..') });
  if (r.status !== 0) throw new Error(`child (${threads} threads) failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

function main(): void {
  const i = process.argv.indexOf('--child');
  if (i > 0) {
    void child(Number(process.argv[i + 1])).then((r) => { console.log(JSON.stringify(r)); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
    return;
  }
  const pairs = Number(process.argv[2] ?? 6), many = Number(process.argv[3] ?? 2);
  const runs: Record<'one' | 'many', Run[]> = { one: [], many: [] };
  for (let p = 0; p < pairs; p++) {
    for (const which of p % 2 === 0 ? (['one', 'many'] as const) : (['many', 'one'] as const)) {
      const r = spawnChild(which === 'one' ? 1 : many);
      runs[which].push(r);
      console.log(`  ${r.detail.split(';')[0].padEnd(22)} ${String(r.samplesPerSec).padStart(6)} samples/s, ${String(r.samplesPerCpuSec).padStart(6)} per CPU-s`);
    }
  }
  const med = (w: 'one' | 'many', k: 'samplesPerSec' | 'samplesPerCpuSec') => median(runs[w].map((r) => r[k]));
  console.log(`median of ${pairs}: 1 thread ${med('one', 'samplesPerSec')} samples/s, ${many} threads ${med('many', 'samplesPerSec')} samples/s ` +
    `(× ${(med('many', 'samplesPerSec') / med('one', 'samplesPerSec')).toFixed(2)}); per CPU-s ${med('one', 'samplesPerCpuSec')} vs ${med('many', 'samplesPerCpuSec')}`);
  const wins = runs.many.filter((r, k) => r.samplesPerSec > runs.one[k].samplesPerSec).length;
  console.log(`${many} threads faster in ${wins} of ${pairs} pairs`);
}

main();
