/**
 * Where one MNIST training step of the fast path's host engine goes (784-128-10, Adam,
 * batch 128, the shipped digits, shuffled rows): the matrix products on tfjs's matMul
 * kernel (only those too big for the arena's kernels; none for this model), the first
 * layer's two products that skip the zero pixels and the listing of those pixels
 * (StepArena), and everything else (the second layer's products on the arena, bias and
 * activation, loss, Adam), per step, over several epochs, in this process.
 *
 *   npx tsx bench/train/stepParts.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { decodeMnist } from '../../runtime/data/mnistFormat';
import { planDenseTraining } from '../../runtime/fast/densePlan';
import { kernelMatMul, type HostMatMul } from '../../runtime/fast/hostMatMul';
import { KERNEL_MATMUL_MIN_MACS } from '../../runtime/fast/fastFit';
import { hostData } from '../../runtime/fast/hostData';
import { JsDenseEngine } from '../../runtime/fast/jsDenseEngine';
import { StepArena } from '../../runtime/fast/stepArena';
import { MNIST_FILE } from './data';
import { seededMlp } from './seededMlp';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

async function main(): Promise<void> {
  const { detail } = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR });
  const d = decodeMnist(new Uint8Array(zlib.gunzipSync(fs.readFileSync(MNIST_FILE))));
  const xs = new Float32Array(d.count * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = d.pixels[i] / 255;
  const x = tf.tensor2d(xs, [d.count, 784]), y = tf.tensor1d(Float32Array.from(d.labels), 'float32');
  const model = seededMlp();
  const plan = planDenseTraining(model);
  if (typeof plan === 'string') throw new Error(plan);
  const kernel = kernelMatMul(tf, KERNEL_MATMUL_MIN_MACS);
  const ms = { ab: 0, aTb: 0, abT: 0 };
  const timed = (k: keyof HostMatMul): HostMatMul[typeof k] => (...args: Parameters<HostMatMul['ab']>) => {
    const t = performance.now();
    kernel[k](...args);
    ms[k] += performance.now() - t;
  };
  // the first layer's products when they skip zeros (StepArena's own kernels)
  const sparse = { rows: 0, xw: 0, xtd: 0 };
  for (const [method, key] of [['sparseRows', 'rows'], ['sparseXW', 'xw'], ['sparseXTD', 'xtd']] as const) {
    const original = StepArena.prototype[method] as (...args: unknown[]) => void;
    (StepArena.prototype[method] as unknown) = function (this: StepArena, ...args: unknown[]) {
      const t = performance.now();
      original.apply(this, args);
      sparse[key] += performance.now() - t;
    };
  }
  const engine = new JsDenseEngine(tf, plan, hostData(x, y), 128, undefined, { ab: timed('ab'), aTb: timed('aTb'), abT: timed('abT') });
  const order = Int32Array.from({ length: d.count }, (_, i) => i);
  console.log(detail);
  for (let epoch = 0; epoch < 5; epoch++) {
    tf.util.shuffle(order);
    ms.ab = ms.aTb = ms.abT = sparse.rows = sparse.xw = sparse.xtd = 0;
    let steps = 0;
    const t = performance.now();
    for (let s = 0; s + 128 <= d.count; s += 128, steps++) engine.step(s, 128, order, false);
    const total = performance.now() - t;
    const per = (v: number) => (v / steps).toFixed(3);
    console.log(`epoch ${epoch}: ${per(total)} ms a step (${Math.round((steps * 128) / (total / 1000))} samples/s): ` +
      `tfjs matMul (products over ARENA_MATMUL_MAX_MACS) ${per(ms.ab + ms.aTb + ms.abT)}; sparse: listing ${per(sparse.rows)}, x·W ${per(sparse.xw)}, xᵀ·δ ${per(sparse.xtd)}; ` +
      `the rest ${per(total - ms.ab - ms.aTb - ms.abT - sparse.rows - sparse.xw - sparse.xtd)} ms`);
  }
  engine.finish();
  tf.dispose([x, y]);
  model.dispose();
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
