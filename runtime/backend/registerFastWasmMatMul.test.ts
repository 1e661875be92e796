import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { FAST_MATMUL_KERNELS, registerFastWasmMatMul, restoreWasmMatMul } from './registerFastWasmMatMul';
import { assertAllClose, seededFloats, tensorCounts, useBackend } from './testSupport';

interface MatMulCase {
  name: string;
  aShape: number[];
  bShape: number[];
  transposeA: boolean;
  transposeB: boolean;
}

/**
 * All four transpose combinations, each for 2-D and batched 3-D operands. (Broadcast batch
 * dims, e.g. [3,7,5]·[1,3,7], are left out: tfjs's own MatMul gradient rejects them.)
 */
const CASES: MatMulCase[] = [];
for (const transposeA of [false, true]) {
  for (const transposeB of [false, true]) {
    const [m, k, n] = [5, 7, 3];
    const a = transposeA ? [k, m] : [m, k];
    const b = transposeB ? [n, k] : [k, n];
    const tag = `transposeA=${transposeA} transposeB=${transposeB}`;
    CASES.push({ name: `2-D ${tag}`, aShape: a, bShape: b, transposeA, transposeB });
    CASES.push({ name: `3-D ${tag}`, aShape: [4, ...a], bShape: [4, ...b], transposeA, transposeB });
  }
}

/** Forward value and both gradients of sum(matMul(a, b) * weights), on the active backend. */
function matMulAndGrads(c: MatMulCase): { value: Float32Array; da: Float32Array; db: Float32Array } {
  return tf.tidy(() => {
    const a = tf.tensor(seededFloats(c.aShape.reduce((x, y) => x * y), 41), c.aShape);
    const b = tf.tensor(seededFloats(c.bShape.reduce((x, y) => x * y), 42), c.bShape);
    const product = tf.matMul(a, b, c.transposeA, c.transposeB);
    const weights = tf.tensor(seededFloats(product.size, 43), product.shape);
    const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, c.transposeA, c.transposeB), weights)))([a, b]);
    return { value: product.dataSync() as Float32Array, da: da.dataSync() as Float32Array, db: db.dataSync() as Float32Array };
  });
}

/** Mean milliseconds per call of `f` after a warm-up. */
function msPerCall(f: () => void, calls: number): number {
  for (let i = 0; i < 3; i++) f();
  const start = performance.now();
  for (let i = 0; i < calls; i++) f();
  return (performance.now() - start) / calls;
}

describe('registerFastWasmMatMul', () => {
  beforeEach(() => useBackend(tf, 'wasm'));
  afterEach(() => restoreWasmMatMul(tf));

  for (const c of CASES) {
    it(`matches tfjs's own kernel and gradient: ${c.name}`, () => {
      restoreWasmMatMul(tf);
      const stock = matMulAndGrads(c);
      registerFastWasmMatMul(tf);
      const before = tensorCounts(tf);
      const fast = matMulAndGrads(c);
      assert.deepEqual(tensorCounts(tf), before);
      assertAllClose(fast.value, stock.value, 1e-5, 'value');
      assertAllClose(fast.da, stock.da, 1e-5, 'dA');
      assertAllClose(fast.db, stock.db, 1e-5, 'dB');
    });
  }

  it('matches tfjs for the fused matMul (bias + relu) in all four transpose combinations', () => {
    for (const c of CASES.filter((x) => x.aShape.length === 3)) {
      const fused = () => tf.tidy(() => {
        const a = tf.tensor3d(seededFloats(c.aShape.reduce((x, y) => x * y), 44), c.aShape as [number, number, number]);
        const b = tf.tensor3d(seededFloats(c.bShape.reduce((x, y) => x * y), 45), c.bShape as [number, number, number]);
        const bias = tf.tensor1d(seededFloats(3, 46));
        return tf.fused.matMul({ a, b, transposeA: c.transposeA, transposeB: c.transposeB, bias, activation: 'relu' }).dataSync();
      });
      restoreWasmMatMul(tf);
      const stock = fused();
      registerFastWasmMatMul(tf);
      assertAllClose(fused(), stock, 1e-5, c.name);
    }
  });

  it('also matches the CPU backend (the maths is unchanged)', async () => {
    const c = CASES[CASES.length - 1];
    await useBackend(tf, 'cpu');
    const onCpu = matMulAndGrads(c);
    await useBackend(tf, 'wasm');
    registerFastWasmMatMul(tf);
    const fast = matMulAndGrads(c);
    for (const key of ['value', 'da', 'db'] as const) assertAllClose(fast[key], onCpu[key], 1e-5, key);
  });

  it('trains an MLP with model.fit to the same losses, leaking nothing', async () => {
    const xs = tf.tensor2d(seededFloats(256 * 20, 51), [256, 20]);
    const ys = tf.oneHot(tf.tensor1d(Array.from({ length: 256 }, (_, i) => i % 4), 'int32'), 4);
    const fit = async () => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [20], units: 16, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }),
          tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 6 }) }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy' });
      const history = await model.fit(xs, ys, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
      model.optimizer.dispose(); // Adam's moment variables are not the model's to dispose
      model.dispose();
      return history.history.loss as number[];
    };
    const stock = await fit();
    registerFastWasmMatMul(tf);
    const baseline = tensorCounts(tf);
    const fast = await fit();
    assert.deepEqual(tensorCounts(tf), baseline);
    assertAllClose(fast, stock, 1e-5, 'loss per epoch');
    tf.dispose([xs, ys]);
  });

  it('is idempotent and keeps the original kernels restorable', () => {
    const originals = FAST_MATMUL_KERNELS.map((name) => tf.getKernel(name, 'wasm'));
    assert.deepEqual(registerFastWasmMatMul(tf), [...FAST_MATMUL_KERNELS]);
    const wrapped = FAST_MATMUL_KERNELS.map((name) => tf.getKernel(name, 'wasm'));
    assert.deepEqual(registerFastWasmMatMul(tf), [...FAST_MATMUL_KERNELS]);
    assert.deepEqual(FAST_MATMUL_KERNELS.map((name) => tf.getKernel(name, 'wasm')), wrapped);
    restoreWasmMatMul(tf);
    assert.deepEqual(FAST_MATMUL_KERNELS.map((name) => tf.getKernel(name, 'wasm')), originals);
  });

  it("makes the gradient's transposed matMul faster (128×784ᵀ · 128×128)", () => {
    const [a, dy] = [tf.randomNormal([128, 784]), tf.randomNormal([128, 128])];
    const transposedMatMul = () => tf.tidy(() => void tf.matMul(a, dy, true, false).dataSync());
    const stockMs = msPerCall(transposedMatMul, 5);
    registerFastWasmMatMul(tf);
    const fastMs = msPerCall(transposedMatMul, 5);
    tf.dispose([a, dy]);
    // Measured ~12× here; 2× leaves room for a busy machine.
    assert.ok(fastMs * 2 < stockMs, `fast ${fastMs.toFixed(2)} ms vs stock ${stockMs.toFixed(2)} ms`);
  });
});
