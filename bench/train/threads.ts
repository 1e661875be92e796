/**
 * The fast path's sparse first layer alone against split with the node kernel's helper
 * thread (NodeStepThreads), on MNIST training (784-128-10, Adam, batch 128, the shipped
 * 10,000 digits) in one process: fits of `epochs` epochs alternate between the two, ABBA,
 * so that the machine's drift (this VM moves 1.5× minute to minute) hits both alike; the
 * steady epochs' medians, their ratio and the CPU time are printed.
 *
 *   npx tsx bench/train/threads.ts [rounds=4] [epochs=4]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { decodeMnist } from '../../runtime/data/mnistFormat';
import { fastFit } from '../../runtime/fast/fastFit';
import { NodeStepThreads } from '../../runtime/node/NodeStepThreads';
import { median } from '../median';
import { MNIST_FILE } from './data';
import { seededMlp } from './seededMlp';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 4), epochs = Number(process.argv[3] ?? 4);
  const { detail } = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR });
  const d = decodeMnist(new Uint8Array(zlib.gunzipSync(fs.readFileSync(MNIST_FILE))));
  const xs = new Float32Array(d.count * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = d.pixels[i] / 255;
  const x = tf.tensor2d(xs, [d.count, 784]), y = tf.tensor1d(Float32Array.from(d.labels), 'float32');
  const helper = new NodeStepThreads();
  const models = { one: seededMlp(), two: seededMlp() };
  const epochMs = { one: [] as number[], two: [] as number[] }, cpuMs = { one: [] as number[], two: [] as number[] };
  console.log(`${detail}; ${rounds} rounds of ${epochs}-epoch fits each, ABBA`);
  for (let round = 0; round < rounds; round++) {
    for (const which of round % 2 === 0 ? (['one', 'two'] as const) : (['two', 'one'] as const)) {
      let t = performance.now(), c = process.cpuUsage();
      const times: number[] = [], cpus: number[] = [];
      const r = await fastFit(tf, models[which], x, y, { epochs, batchSize: 128, shuffle: true, verbose: 0, callbacks: { onEpochEnd: () => {
        times.push(performance.now() - t);
        const u = process.cpuUsage(c);
        cpus.push((u.user + u.system) / 1000);
        t = performance.now(); c = process.cpuUsage();
      } } }, { engine: 'host', threads: which === 'two' ? helper : undefined });
      if (typeof r === 'string' || r.route.threads !== (which === 'two' ? 2 : 1)) throw new Error(`unexpected route ${JSON.stringify(typeof r === 'string' ? r : r.route)}`);
      epochMs[which].push(...times.slice(1)); // the first epoch of a fit carries its set-up
      cpuMs[which].push(...cpus.slice(1));
      console.log(`  ${which === 'one' ? '1 thread ' : '2 threads'}: epochs ${times.map((v) => Math.round(v)).join(', ')} ms`);
    }
  }
  const rate = (ms: number[]) => Math.round(d.count / (median(ms) / 1000));
  const one = rate(epochMs.one), two = rate(epochMs.two);
  console.log(`median steady epoch: 1 thread ${one} samples/s, 2 threads ${two} samples/s (× ${(two / one).toFixed(2)}); per CPU-s ${rate(cpuMs.one)} vs ${rate(cpuMs.two)}`);
  tf.dispose([x, y]);
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
