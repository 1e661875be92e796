/**
 * XOR (Dense 2-16-1, 512 points, batch 32, Adam, model.fit) on wasm against cpu in Node, in
 * 6 alternating (cpu, wasm) pairs of ≥ 0.8 s each: prints wasm ÷ cpu per pair and the median.
 * `npx tsx bench/webview/xorNodeAB.ts plain` (tfjs-wasm as shipped) or
 * `npx tsx bench/webview/xorNodeAB.ts fallbacks+matmul+rowcopy` (with nnbook's wasm
 * registrations, as chooseWebBackend makes them). The webview bench found cpu ahead of wasm
 * on XOR; this asks whether Node agrees and whether the registrations are why.
 */
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { getQuietCpuBackend } from '../../runtime/backend/quietCpuBackend';
import { registerFastWasmMatMul } from '../../runtime/backend/registerFastWasmMatMul';
import { registerWasmRowCopyKernels } from '../../runtime/fast/wasmRowCopyKernels';
import { registerWasmFallbacks } from '../../runtime/backend/registerWasmFallbacks';
import type { Tf } from '../../runtime/backend/tfTypes';
const t = tf as unknown as Tf;
async function xor(budget: number, n = 512, batch = 32) {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'tanh' }));
  model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  const x = tf.randomNormal([n, 2]); const y = tf.tidy(() => x.prod(1, true).greater(0).toFloat());
  await model.fit(x, y, { epochs: 1, batchSize: batch });
  let s = 0; const t0 = performance.now();
  while (performance.now() - t0 < budget) { await model.fit(x, y, { epochs: 1, batchSize: batch }); s += n; }
  const r = Math.round(s / ((performance.now() - t0) / 1000));
  tf.dispose([x, y]); model.dispose(); return r;
}
(async () => {
  const v = process.argv[2] ?? 'plain';
  setWasmPaths(path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  getQuietCpuBackend(t);
  await tf.setBackend('wasm');
  if (v.includes('fallbacks')) registerWasmFallbacks(t);
  if (v.includes('matmul')) registerFastWasmMatMul(t);
  if (v.includes('rowcopy')) registerWasmRowCopyKernels(t);
  const ratios: number[] = [];
  for (let i = 0; i < 6; i++) {
    await tf.setBackend('cpu'); const c = await xor(800);
    await tf.setBackend('wasm'); const w = await xor(800);
    ratios.push(Math.round((w / c) * 100) / 100);
  }
  ratios.sort((a, b) => a - b);
  console.log(v, 'wasm/cpu per pair (sorted):', ratios.join(' '), 'median', ratios[3]);
})();
