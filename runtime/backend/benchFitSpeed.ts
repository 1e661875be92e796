// Micro-benchmark: model.fit samples/s of a 784-128-10 MLP (Adam, batch 128, 2,560 random
// samples) on the wasm backend, with tfjs's own matMul kernels and with
// registerFastWasmMatMul, alternating so machine drift hits both alike.
//   npx tsx runtime/backend/benchFitSpeed.ts [rounds=3] [epochs=4]
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { registerFastWasmMatMul, restoreWasmMatMul } from './registerFastWasmMatMul';
import { selectBackend } from './selectBackend';

const SAMPLES = 2560;
const BATCH = 128;

/** Builds the MLP with fixed initial weights so every run trains the same model. */
function buildMlp(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return model;
}

/**
 * Samples/s over the steady epochs (the first one warms up kernels and XNNPACK), and the final loss.
 *
 * @example
 * const { samplesPerSecond } = await measureFit(xs, ys, 4);
 */
export async function measureFit(xs: tf.Tensor, ys: tf.Tensor, epochs: number): Promise<{ samplesPerSecond: number; loss: number }> {
  const model = buildMlp();
  const epochStarts: number[] = [];
  const history = await model.fit(xs, ys, {
    epochs,
    batchSize: BATCH,
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochBegin: async () => void epochStarts.push(performance.now()) },
  });
  const end = performance.now();
  model.dispose();
  const steadyMs = end - epochStarts[1];
  const losses = history.history.loss as number[];
  return { samplesPerSecond: (SAMPLES * (epochs - 1)) / (steadyMs / 1000), loss: losses[losses.length - 1] };
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const epochs = Number(process.argv[3] ?? 4);
  const wasmDir = path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');
  const { detail } = await selectBackend(tf, { prefer: 'wasm', wasmDir, fastMatMul: false });
  console.log(detail);
  const xs = tf.randomUniform([SAMPLES, 784], 0, 1, 'float32', 7);
  const ys = tf.oneHot(tf.randomUniform([SAMPLES], 0, 10, 'int32', 8) as tf.Tensor1D, 10);
  const rows: string[] = [];
  for (let round = 0; round < rounds; round++) {
    restoreWasmMatMul(tf);
    const stock = await measureFit(xs, ys, epochs);
    registerFastWasmMatMul(tf);
    const fast = await measureFit(xs, ys, epochs);
    rows.push(`round ${round + 1}: stock ${stock.samplesPerSecond.toFixed(0)} samples/s (loss ${stock.loss.toFixed(5)}), ` +
      `fast matMul ${fast.samplesPerSecond.toFixed(0)} samples/s (loss ${fast.loss.toFixed(5)})`);
    console.log(rows[rows.length - 1]);
  }
  restoreWasmMatMul(tf);
  await tf.setBackend('cpu');
  const cpu = await measureFit(xs, ys, Math.min(epochs, 3));
  console.log(`cpu backend: ${cpu.samplesPerSecond.toFixed(0)} samples/s (loss ${cpu.loss.toFixed(5)})`);
}

if (require.main === module) void main();
