/**
 * The parts of a live-charted fast model.fit step, each timed alone (wall and CPU µs,
 * three repeats: the machine is shared), to set against a ~4 ms step of the 784-128-10
 * MNIST MLP at batch 128: the callback list's onBatchEnd (nn.fitCallbacks and the
 * CustomCallback wrapping, awaits included), writing the weights back into the model
 * (what the fast path did every batch when a plain callback sat beside the chart), and
 * one live heatmap redraw of the 784×128 kernel (read, payload, JSON). Then XOR (2-3-1,
 * SGD, batch 4: one batch an epoch, 2000 epochs through fastFit), where a step is a few µs
 * and the chart's per-batch cost shows: no callbacks, logs-only no-op handlers,
 * nn.fitCallbacks, alternating.
 *
 *   npx tsx bench/train/callbackParts.ts
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
import { fastFit } from '../../runtime/fast/fastFit';
import { FitCallbackList, markLogsOnly } from '../../runtime/fast/fitCallbackList';
import { heatmapPayloadAsync } from '../../runtime/nn/heatmap';
import { fitCallbacks } from '../../runtime/nn/trainingPlot';

const WASM_DIR = path.resolve(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** µs per call of `f`, wall and CPU, `n` calls. */
async function time(n: number, f: (i: number) => unknown): Promise<string> {
  const c0 = process.cpuUsage(), t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  const c = process.cpuUsage(c0);
  return `${((performance.now() - t0) * 1000 / n).toFixed(1)} µs wall, ${((c.user + c.system) / n).toFixed(1)} µs CPU`;
}

async function batchEnds(variant: 'logs-only no-op' | 'fitCallbacks' | 'fitCallbacks + epoch timer'): Promise<string> {
  const sink = { display: (items: unknown) => { JSON.stringify(items); }, update: (_id: string, delta: unknown) => { JSON.stringify(delta); } };
  const chart = () => markLogsOnly(fitCallbacks(sink, {}));
  const cbs = variant === 'logs-only no-op' ? [markLogsOnly({ onBatchEnd: async () => undefined })]
    : variant === 'fitCallbacks' ? [chart()] : [chart(), { onEpochEnd: async () => undefined }];
  const list = new FitCallbackList(tf, cbs, new tf.History());
  list.setParams({ epochs: 1, initialEpoch: 0, samples: 1e9, steps: null as unknown as number, batchSize: 128, verbose: 1, doValidation: false, metrics: ['loss', 'acc'] });
  let syncs = 0;
  const sync = () => { syncs++; };
  await list.fire('onTrainBegin', sync, {});
  await list.fire('onEpochBegin', sync, 0, {});
  const r = await time(50_000, (b) => list.fire('onBatchEnd', sync, b, { batch: b, size: 128, loss: 0.5, acc: 0.9 }));
  await list.fire('onTrainEnd', sync, {});
  return `${r} (${syncs} weight write-backs)`;
}

async function xor(rounds: number): Promise<void> {
  const sink = { display: (items: unknown) => { JSON.stringify(items); }, update: (_id: string, delta: unknown) => { JSON.stringify(delta); } };
  const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]), y = tf.tensor2d([[0], [1], [1], [0]]);
  const variants = { none: () => undefined, 'logs-only no-ops': () => markLogsOnly({ onTrainBegin() {}, onEpochBegin() {}, onBatchEnd() {}, onEpochEnd() {}, onTrainEnd() {} }), fitCallbacks: () => markLogsOnly(fitCallbacks(sink, {})) };
  const cpu: Record<string, number[]> = { none: [], 'logs-only no-ops': [], fitCallbacks: [] };
  for (let r = 0; r < rounds; r++) {
    const names = Object.keys(variants) as (keyof typeof variants)[];
    for (const v of r % 2 ? names.reverse() : names) {
      const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'sigmoid' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
      m.compile({ optimizer: tf.train.sgd(1.0), loss: 'meanSquaredError' });
      const c0 = process.cpuUsage();
      const res = await fastFit(tf, m, x, y, { epochs: 2000, batchSize: 4, verbose: 0, callbacks: variants[v]() as tf.ModelFitArgs['callbacks'] });
      const c = process.cpuUsage(c0);
      if (typeof res === 'string') throw new Error(`fastFit fell back: ${res}`);
      cpu[v].push((c.user + c.system) / 1000);
      m.dispose();
    }
  }
  tf.dispose([x, y]);
  for (const [v, ms] of Object.entries(cpu)) console.log(`  XOR 2000 epochs, ${v.padEnd(17)} ${ms.map((t) => t.toFixed(0)).join(', ')} ms CPU (first: warm-up)`);
}

async function main(): Promise<void> {
  await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR });
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }), tf.layers.dense({ units: 10, activation: 'softmax' })] });
  const vars = model.layers.flatMap((l) => l.trainableWeights as unknown as tf.LayerVariable[]);
  const host = vars.map((v) => new Float32Array(v.read().size));
  for (let rep = 0; rep < 3; rep++) {
    console.log(`repeat ${rep + 1} (${tf.getBackend()})`);
    for (const v of ['logs-only no-op', 'fitCallbacks', 'fitCallbacks + epoch timer'] as const) console.log(`  onBatchEnd, ${v.padEnd(26)} ${await batchEnds(v)}`);
    // as JsDenseEngine.syncModel
    console.log(`  weights into the model (101,770)       ${await time(1000, () => vars.forEach((v, j) => { const t = tf.tensor(host[j], v.shape as number[]); v.write(t); t.dispose(); }))}`);
    console.log(`  heatmap redraw, 784×128 kernel         ${await time(20, async () => JSON.stringify(await heatmapPayloadAsync(model.layers[0])))}`);
  }
  model.dispose();
  await xor(8);
}

if (require.main === module) main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
