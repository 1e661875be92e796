/**
 * The fast model.fit path (runtime/fast/fastFit) against tfjs's own model.fit, in this
 * process, on the backend the node kernel uses (selectBackend: wasm SIMD with nnbook's
 * matMul and row-copy kernels), on the 10,000 shipped digits: each engine the fast path
 * has, epochs alternating between the runners so machine drift hits all alike, wall and
 * CPU time both (CPU time is less sensitive to other work on a shared machine).
 *
 *   npx tsx bench/train/fastpath.ts [--json] [cpu]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { getQuietCpuBackend } from '../../runtime/backend/quietCpuBackend';
import { decodeMnist } from '../../runtime/data/mnistFormat';
import { fastFit } from '../../runtime/fast/fastFit';
import { MNIST_FILE } from './data';
import { seededMlp } from './seededMlp';
import { median } from '../median';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

type Runner = 'tfjs' | 'host' | 'kernels';
const RUNNERS: Runner[] = ['tfjs', 'host', 'kernels'];

export interface RunnerResult {
  /** samples/s from the median steady epoch's wall time */
  samplesPerSec: number;
  /** samples per CPU second of this process, median steady epoch */
  samplesPerCpuSec: number;
  epochMs: number[];
  loss: number[];
}

export interface FastPathResult {
  backend: string;
  detail: string;
  mnist: Record<Runner, RunnerResult>;
  /** XOR 2-3-1, SGD 1, MSE, 2000 epochs, batch 4: seconds per runner ('js' is the fast path's choice) */
  xorS: { tfjs: number; fast: number };
  xorRoute: string;
}

async function epoch(runner: Runner, model: tf.Sequential, x: tf.Tensor, y: tf.Tensor): Promise<number> {
  // a batch callback as nn.fitCallbacks has: batch logs are read every batch
  const args: tf.ModelFitArgs = { epochs: 1, batchSize: 128, shuffle: true, verbose: 0, callbacks: { onBatchEnd: async () => undefined } };
  if (runner === 'tfjs') return (await model.fit(x, y, args)).history.loss[0] as number;
  const r = await fastFit(tf, model, x, y, args, { engine: runner });
  if (typeof r === 'string') throw new Error(`fastFit fell back: ${r}`);
  return r.history.history.loss[0] as number;
}

export async function measureFastPath(backend: 'wasm' | 'cpu' = 'wasm', epochs = 4, log: (s: string) => void = () => undefined): Promise<FastPathResult> {
  let detail: string;
  if (backend === 'wasm') ({ detail } = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR }));
  else { getQuietCpuBackend(tf); await tf.setBackend('cpu'); detail = 'cpu'; }
  const digits = decodeMnist(new Uint8Array(zlib.gunzipSync(fs.readFileSync(MNIST_FILE))));
  const n = digits.count;
  const xs = new Float32Array(n * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = digits.pixels[i] / 255;
  const x = tf.tensor2d(xs, [n, 784]);
  const y = tf.tensor1d(Float32Array.from(digits.labels), 'float32');

  const models = Object.fromEntries(RUNNERS.map((r) => [r, seededMlp()])) as Record<Runner, tf.Sequential>;
  const wall: Record<Runner, number[]> = { tfjs: [], host: [], kernels: [] };
  const cpu: Record<Runner, number[]> = { tfjs: [], host: [], kernels: [] };
  const loss: Record<Runner, number[]> = { tfjs: [], host: [], kernels: [] };
  for (let e = 0; e < epochs; e++) {
    for (const r of RUNNERS) {
      const c0 = process.cpuUsage(), t0 = performance.now();
      loss[r].push(await epoch(r, models[r], x, y));
      wall[r].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[r].push((c.user + c.system) / 1000);
    }
  }
  const mnist = {} as Record<Runner, RunnerResult>;
  for (const r of RUNNERS) {
    mnist[r] = {
      samplesPerSec: Math.round(n / (median(wall[r].slice(1)) / 1000)),
      samplesPerCpuSec: Math.round(n / (median(cpu[r].slice(1)) / 1000)),
      epochMs: wall[r].map((v) => Math.round(v)),
      loss: loss[r].map((v) => +v.toFixed(4)),
    };
    log(`  ${r.padEnd(7)}: ${mnist[r].samplesPerSec} samples/s (${mnist[r].samplesPerCpuSec} per CPU-s), epochs ${mnist[r].epochMs.join(', ')} ms, loss ${mnist[r].loss.join(' → ')}`);
  }
  tf.dispose([x, y]);
  for (const m of Object.values(models)) m.dispose();

  const xorModel = () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'sigmoid' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    m.compile({ optimizer: tf.train.sgd(1.0), loss: 'meanSquaredError' });
    return m;
  };
  const xx = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), xy = tf.tensor2d([[0], [1], [1], [0]]);
  const m1 = xorModel(), m2 = xorModel();
  let t0 = performance.now();
  await m1.fit(xx, xy, { epochs: 2000, batchSize: 4, verbose: 0 });
  const tfjsS = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const r = await fastFit(tf, m2, xx, xy, { epochs: 2000, batchSize: 4, verbose: 0 });
  const fastS = (performance.now() - t0) / 1000;
  const xorRoute = typeof r === 'string' ? `tfjs (${r})` : r.route.path;
  log(`  XOR 2000 epochs: tfjs model.fit ${tfjsS.toFixed(3)} s, fast path (${xorRoute}) ${fastS.toFixed(3)} s`);
  tf.dispose([xx, xy]); m1.dispose(); m2.dispose();
  return { backend: tf.getBackend(), detail, mnist, xorS: { tfjs: +tfjsS.toFixed(4), fast: +fastS.toFixed(4) }, xorRoute };
}

if (require.main === module) {
  const json = process.argv.includes('--json');
  const b = process.argv.includes('cpu') ? 'cpu' : 'wasm';
  measureFastPath(b, 4, json ? (s) => process.stderr.write(s + '\n') : console.log).then((r) => {
    console.log(json ? JSON.stringify(r) : r);
    process.exit(0);
  }, (e) => { console.error(e); process.exit(1); });
}
