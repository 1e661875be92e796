/**
 * What the live callbacks cost the fast model.fit path, in this process, on the node
 * kernel's backend (wasm), on the 10,000 shipped digits (784-128-10, Adam, batch 128):
 * one model per variant, epochs alternating between the variants (so machine drift hits
 * all alike), wall and CPU time both (CPU time is less sensitive to a shared machine).
 * Each variant also counts how often the fast path wrote its weights back into the
 * model (Variable.assign calls) and how many chart deltas were sent.
 *
 * With --kernel, the same question end to end: bench/train/cells.ts's MNIST cell in a
 * real node kernel (out/kernel-node.js, `npm run build`), with and without
 * nn.fitCallbacks, cells alternating; CPU time is the kernel process's.
 *
 *   npx tsx bench/train/callbacks.ts [epochs]
 *   npx tsx bench/train/callbacks.ts --kernel [rounds]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { decodeMnist } from '../../runtime/data/mnistFormat';
import { fastFit } from '../../runtime/fast/fastFit';
import { markLogsOnly } from '../../runtime/fast/fitCallbackList';
import type { DisplaySink } from '../../runtime/nn/DisplaySink';
import { heatmapPayload, heatmapPayloadAsync } from '../../runtime/nn/heatmap';
import { liveSnapshotPlot } from '../../runtime/nn/liveLayerPlot';
import { fitCallbacks } from '../../runtime/nn/trainingPlot';
import { mnistCell, type MnistCellResult } from './cells';
import { MNIST_FILE } from './data';
import { seededMlp } from './seededMlp';
import { median } from '../median';
import { kernelMissing, startKernel } from './nnbook';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** Serialises what it is sent, as the kernel does before posting it. */
function countingSink(): DisplaySink & { deltas: number; displays: number } {
  const s = {
    deltas: 0, displays: 0,
    display: (items: { data: string }[]) => { s.displays++; JSON.stringify(items); },
    update: (_id: string, delta: unknown) => { s.deltas++; JSON.stringify(delta); },
  };
  return s as DisplaySink & { deltas: number; displays: number };
}

/** As bench/train/cells.ts's benchTimer: a plain handler object, epoch events only. */
const epochTimer = () => ({ onEpochBegin: async () => undefined, onEpochEnd: async () => undefined });

type Variant = 'none' | 'chart' | 'chart+timer' | 'chart+heatmap';
const VARIANTS: Variant[] = ['none', 'chart', 'chart+timer', 'chart+heatmap'];

function callbacksFor(v: Variant, model: tf.Sequential, sink: DisplaySink): unknown[] {
  const chart = () => markLogsOnly(fitCallbacks(sink, { title: 'bench' }));
  if (v === 'none') return [epochTimer()];
  if (v === 'chart') return [chart()];
  if (v === 'chart+timer') return [chart(), epochTimer()];
  const layer = model.layers[0];
  return [chart(), liveSnapshotPlot(sink, 'heatmap', () => heatmapPayloadAsync(layer), () => heatmapPayload(layer), 10)];
}

async function main(epochs: number): Promise<void> {
  const { detail } = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR });
  const digits = decodeMnist(new Uint8Array(zlib.gunzipSync(fs.readFileSync(MNIST_FILE))));
  const baseline = tf.memory().numTensors;
  const n = digits.count;
  const xs = new Float32Array(n * 784);
  for (let i = 0; i < xs.length; i++) xs[i] = digits.pixels[i] / 255;
  const x = tf.tensor2d(xs, [n, 784]);
  const y = tf.tensor1d(Float32Array.from(digits.labels), 'float32');

  // count weight write-backs: every Variable.assign (the fast path's syncModel writes each variable; finish() once per fit)
  let writes = 0;
  const proto = tf.Variable.prototype as unknown as { assign: (...a: unknown[]) => unknown };
  const assign = proto.assign;
  proto.assign = function (this: unknown, ...a: unknown[]) { writes++; return assign.apply(this, a); };

  const models = Object.fromEntries(VARIANTS.map((v) => [v, seededMlp()])) as Record<Variant, tf.Sequential>;
  const rows = Object.fromEntries(VARIANTS.map((v) => [v, { wall: [] as number[], cpu: [] as number[], writes: 0, deltas: 0, route: '' }])) as Record<Variant, { wall: number[]; cpu: number[]; writes: number; deltas: number; route: string }>;
  for (let e = 0; e < epochs; e++) {
    for (const v of e % 2 ? [...VARIANTS].reverse() : VARIANTS) {
      const sink = countingSink();
      const callbacks = callbacksFor(v, models[v], sink);
      const w0 = writes;
      const c0 = process.cpuUsage(), t0 = performance.now();
      const r = await fastFit(tf, models[v], x, y, { epochs: 1, batchSize: 128, shuffle: true, verbose: 0, callbacks: callbacks as tf.ModelFitArgs['callbacks'] });
      rows[v].wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      rows[v].cpu.push((c.user + c.system) / 1000);
      if (typeof r === 'string') throw new Error(`fastFit fell back: ${r}`);
      rows[v].route = r.route.path;
      rows[v].writes = writes - w0;
      rows[v].deltas = sink.deltas;
    }
  }
  console.log(`backend ${tf.getBackend()} (${detail}), ${n} samples, batch 128, ${epochs} epochs per variant (first not counted), alternating`);
  for (const v of VARIANTS) {
    const r = rows[v];
    const sps = Math.round(n / (median(r.wall.slice(1)) / 1000));
    const spc = Math.round(n / (median(r.cpu.slice(1)) / 1000));
    console.log(`  ${v.padEnd(14)} ${String(sps).padStart(6)} samples/s wall, ${String(spc).padStart(6)} per CPU-s; epochs ${r.wall.map((t) => Math.round(t)).join(', ')} ms; last epoch: ${r.writes} weight writes, ${r.deltas} chart deltas (${r.route})`);
  }
  tf.dispose([x, y]);
  for (const m of Object.values(models)) m.dispose();
  proto.assign = assign;
  const left = tf.memory().numTensors - baseline;
  if (left !== 0) console.log(`  note: ${left} tensors more than before the runs`);
}

/** The bench's MNIST cell in a node kernel, live chart on and off, alternating. */
async function inKernel(rounds: number): Promise<void> {
  const missing = kernelMissing();
  if (missing) throw new Error(missing);
  const k = await startKernel('wasm');
  const runs = { on: { wall: [] as number[], cpu: [] as number[] }, off: { wall: [] as number[], cpu: [] as number[] } };
  let samples = 0, route = '';
  for (let r = 0; r < rounds; r++) {
    for (const live of r % 2 ? [false, true] : [true, false]) {
      const { result } = await k.cell<MnistCellResult>(mnistCell({ epochs: 4, liveChart: live }), `mnist live=${live}`);
      samples = result.samples; route = result.route?.path ?? '';
      // the first epoch of each cell is warm-up
      runs[live ? 'on' : 'off'].wall.push(...result.epochMs.slice(1));
      runs[live ? 'on' : 'off'].cpu.push(...(result.epochCpuMs ?? []).slice(1));
    }
  }
  k.dispose();
  console.log(`node kernel (${k.detail}), ${samples} samples, batch 128, ${rounds} rounds × 3 epochs each way, alternating (${route})`);
  for (const [name, r] of Object.entries(runs)) {
    console.log(`  fitCallbacks ${name.padEnd(3)} ${Math.round(samples / (median(r.wall) / 1000))} samples/s wall, ${r.cpu.length ? Math.round(samples / (median(r.cpu) / 1000)) : '?'} per CPU-s; epochs ${r.wall.map((t) => Math.round(t)).join(', ')} ms`);
  }
}

if (require.main === module) {
  const kernel = process.argv.includes('--kernel');
  const count = Number(process.argv.filter((a) => !a.startsWith('--'))[2] ?? (kernel ? 4 : 7));
  (kernel ? inKernel(count) : main(count)).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
}
