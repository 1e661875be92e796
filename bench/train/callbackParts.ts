/**
 * The parts of a live-charted fast model.fit step, each timed alone (wall and CPU µs,
 * three repeats: the machine is shared), to set against a ~4 ms step of the 784-128-10
 * MNIST MLP at batch 128: the callback list's onBatchEnd (nn.fitCallbacks and the
 * CustomCallback wrapping, awaits included), writing the weights back into the model
 * (what the fast path did every batch when a plain callback sat beside the chart), and
 * one live heatmap redraw of the 784×128 kernel (read, payload, JSON).
 *
 *   npx tsx bench/train/callbackParts.ts
 */
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../../runtime/backend/selectBackend';
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
}

if (require.main === module) main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
