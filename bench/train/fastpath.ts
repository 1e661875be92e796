/**
 * Where a training batch's time goes, and the fused fast path (runtime/fast/fitDense)
 * against model.fit, in this process (not through the kernel: the kernel bundle does not
 * expose fitDense yet), on the backend the node kernel uses (selectBackend: wasm SIMD with
 * nnbook's matMul kernel and CPU fallbacks), on the 10,000 shipped digits.
 *
 *   npx tsx bench/train/fastpath.ts [--json] [--backend wasm|cpu]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { getQuietCpuBackend } from '../../runtime/backend/quietCpuBackend';
import { decodeMnist } from '../../runtime/data/mnistFormat';
import { denseStep, fitDense, planDense } from '../../runtime/fast/fitDense';
import { registerWasmRowCopyKernels, restoreWasmRowCopyKernels } from '../../runtime/fast/wasmRowCopyKernels';
import { MNIST_FILE } from './data';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mlp(): tf.Sequential {
  const model = tf.sequential({ layers: [
    tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
  ] });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return model;
}

export interface BatchProfile {
  /** wall ms per batch, unprofiled, median of many (kernel figures: the least of 7 profiled batches) */
  wallMs: number;
  /** kernels run per batch */
  kernels: number;
  /** sum of the kernels' own times (ms) */
  kernelMs: number;
  /** of which matMul kernels (BatchMatMul, _FusedMatMul) */
  matMulMs: number;
  /** wall − kernels: tfjs bookkeeping, JS, tape, callbacks, syncs */
  overheadMs: number;
  /** the most frequent kernels: name × count */
  top: string;
  /** where kernel time goes: name ms (count) */
  byTime: string;
}

async function profileBatches(step: () => Promise<void>, reps: number): Promise<BatchProfile> {
  for (let i = 0; i < 5; i++) await step();
  const wall: number[] = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); await step(); wall.push(performance.now() - t0); }
  // The profiled rep with the least kernel time: preemption on a loaded machine only adds.
  let best: { km: number; mm: number; kernels: number; counts: Map<string, number>; times: Map<string, number> } | undefined;
  for (let i = 0; i < 7; i++) {
    const info = await tf.profile(step);
    let km = 0, mm = 0;
    const counts = new Map<string, number>(), times = new Map<string, number>();
    for (const k of info.kernels) {
      if (k.name.endsWith('__op')) continue; // an op wrapping kernels listed on their own (custom gradient scope)
      const ms = await k.kernelTimeMs as number;
      km += ms;
      if (k.name === 'BatchMatMul' || k.name === '_FusedMatMul') mm += ms;
      counts.set(k.name, (counts.get(k.name) ?? 0) + 1);
      times.set(k.name, (times.get(k.name) ?? 0) + ms);
    }
    const kernels = info.kernels.filter((k) => !k.name.endsWith('__op')).length;
    if (!best || km < best.km) best = { km, mm, kernels, counts, times };
  }
  const { km: k, mm, kernels, counts, times } = best!;
  const w = median(wall);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, c]) => `${n}×${c}`).join(' ');
  const byTime = [...times].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([n, t]) => `${n} ${t.toFixed(2)} (${counts.get(n)})`).join(', ');
  return { wallMs: +w.toFixed(3), kernels, kernelMs: +k.toFixed(3), matMulMs: +mm.toFixed(3), overheadMs: +(w - k).toFixed(3), top, byTime };
}

export interface FastPathResult {
  backend: string;
  detail: string;
  fitSamplesPerSec: number;
  /** model.fit with runtime/fast/wasmRowCopyKernels registered (wasm only) */
  fitRowCopySamplesPerSec: number | null;
  fitRowCopyLoss: number[];
  fastSamplesPerSec: number;
  fitLoss: number[];
  fastLoss: number[];
  fitProfile: BatchProfile;
  fastProfile: BatchProfile;
  xorFitS: number;
  xorFastS: number;
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

  // samples/s: one warm-up epoch each, then epochs alternating model.fit / fitDense so that
  // machine drift (a shared, loaded machine) hits both alike; shuffled, batch 128
  const fitModel = mlp();
  const fastModel = mlp();
  const rowModel = mlp();
  const fitMs: number[] = [], fastMs: number[] = [], fitLoss: number[] = [], fastLoss: number[] = [], rowMs: number[] = [], rowLoss: number[] = [];
  for (let e = 0; e < epochs; e++) {
    let t0 = performance.now();
    const h = await fitModel.fit(x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
    fitMs.push(performance.now() - t0);
    fitLoss.push(h.history.loss[0] as number);
    if (backend === 'wasm') {
      registerWasmRowCopyKernels(tf);
      t0 = performance.now();
      const h2 = await rowModel.fit(x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0 });
      rowMs.push(performance.now() - t0);
      rowLoss.push(h2.history.loss[0] as number);
      restoreWasmRowCopyKernels(tf);
    }
    t0 = performance.now();
    const r = await fitDense(tf, fastModel, x, y, { epochs: 1, batchSize: 128 });
    fastMs.push(performance.now() - t0);
    fastLoss.push(r.loss[0]);
  }
  const fitSps = Math.round(n / (median(fitMs.slice(1)) / 1000));
  const fastSps = Math.round(n / (median(fastMs.slice(1)) / 1000));
  log(`  model.fit: ${fitSps} samples/s, epochs ${fitMs.map((v) => v.toFixed(0)).join(', ')} ms`);
  const rowSps = rowMs.length > 1 ? Math.round(n / (median(rowMs.slice(1)) / 1000)) : null;
  if (rowSps != null) log(`  model.fit + row-copy Slice/GatherV2 kernels: ${rowSps} samples/s, epochs ${rowMs.map((v) => v.toFixed(0)).join(', ')} ms`);
  log(`  fitDense:  ${fastSps} samples/s, epochs ${fastMs.map((v) => v.toFixed(0)).join(', ')} ms`);
  let t0 = 0;

  // one batch, profiled
  const xb = x.slice([0, 0], [128, 784]), yb = y.slice(0, 128);
  const fitProfile = await profileBatches(async () => { await fitModel.trainOnBatch(xb, yb); }, 40);
  const plan = planDense(fastModel);
  if (typeof plan === 'string') throw new Error(plan);
  const fastProfile = await profileBatches(async () => { denseStep(tf, plan, xb as tf.Tensor2D, yb).dispose(); }, 80);
  log(`  per batch, model.fit (trainOnBatch): ${JSON.stringify(fitProfile)}`);
  log(`  per batch, fused step:               ${JSON.stringify(fastProfile)}`);
  tf.dispose([x, y, xb, yb]);
  fitModel.dispose(); fastModel.dispose(); rowModel.dispose();

  // XOR 2-3-1 sigmoid, SGD 1.0, MSE, 2000 epochs
  const xorModel = () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'sigmoid' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    m.compile({ optimizer: tf.train.sgd(1.0), loss: 'meanSquaredError' });
    return m;
  };
  const xx = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), xy = tf.tensor2d([[0], [1], [1], [0]]);
  const m1 = xorModel();
  t0 = performance.now();
  await m1.fit(xx, xy, { epochs: 2000, batchSize: 4, verbose: 0 });
  const xorFitS = (performance.now() - t0) / 1000;
  const m2 = xorModel();
  t0 = performance.now();
  await fitDense(tf, m2, xx, xy, { epochs: 2000, batchSize: 4 });
  const xorFastS = (performance.now() - t0) / 1000;
  log(`  XOR 2000 epochs: model.fit ${xorFitS.toFixed(3)} s, fitDense ${xorFastS.toFixed(3)} s`);
  tf.dispose([xx, xy]); m1.dispose(); m2.dispose();

  return {
    backend: tf.getBackend(), detail, fitSamplesPerSec: fitSps, fitRowCopySamplesPerSec: rowSps, fitRowCopyLoss: rowLoss.map((v) => +v.toFixed(4)), fastSamplesPerSec: fastSps,
    fitLoss: fitLoss.map((v) => +v.toFixed(4)), fastLoss: fastLoss.map((v) => +v.toFixed(4)),
    fitProfile, fastProfile, xorFitS: +xorFitS.toFixed(4), xorFastS: +xorFastS.toFixed(4),
  };
}

if (require.main === module) {
  const json = process.argv.includes('--json');
  const b = process.argv.includes('cpu') ? 'cpu' : 'wasm';
  measureFastPath(b, 4, json ? (s) => process.stderr.write(s + '\n') : console.log).then((r) => {
    console.log(json ? JSON.stringify(r) : r);
    process.exit(0);
  }, (e) => { console.error(e); process.exit(1); });
}
