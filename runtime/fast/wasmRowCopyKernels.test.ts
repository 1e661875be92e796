import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend/selectBackend';
import { registerWasmRowCopyKernels, restoreWasmRowCopyKernels } from './wasmRowCopyKernels';

/** Whether the wasm Slice kernel is the wrapped one now. */
const wrapped = () => (tf.getKernel('Slice', 'wasm') as unknown as Record<symbol, unknown> | undefined)?.[Symbol.for('nnbook.runtime.fast.wasmRowCopy')] != null;

const WASM_DIR = path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** Runs f with the original kernels and with the wrapped ones; returns both results. */
function both(f: () => tf.Tensor): [tf.Tensor, tf.Tensor] {
  restoreWasmRowCopyKernels(tf);
  const a = f();
  registerWasmRowCopyKernels(tf);
  const b = f();
  return [a, b];
}

function assertSame(a: tf.Tensor, b: tf.Tensor, what: string) {
  assert.deepEqual(b.shape, a.shape, `${what}: shape`);
  assert.equal(b.dtype, a.dtype, `${what}: dtype`);
  assert.deepEqual(Array.from(b.dataSync()), Array.from(a.dataSync()), `${what}: values`);
  tf.dispose([a, b]);
}

describe('wasm Slice and GatherV2 as row copies', function () {
  this.timeout(60_000);
  let previous = '';
  let wasWrapped = false;
  before(async () => {
    previous = tf.getBackend();
    const c = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIR });
    assert.equal(c.backend, 'wasm', c.detail);
    wasWrapped = wrapped();
  });
  after(async () => {
    if (wasWrapped) registerWasmRowCopyKernels(tf); else restoreWasmRowCopyKernels(tf);
    if (previous && previous !== tf.getBackend()) await tf.setBackend(previous);
  });

  it('gives the results of the original kernels: slices (contiguous or not), gathers on every axis and dtype', () => {
    const x = tf.tensor(Array.from({ length: 5 * 4 * 3 }, (_, i) => i * 0.5 - 7), [5, 4, 3]);
    const xi = tf.tensor(Array.from({ length: 6 * 4 }, (_, i) => i - 3), [6, 4], 'int32');
    const cases: [string, () => tf.Tensor][] = [
      ['slice rows', () => tf.slice(x, [1, 0, 0], [3, 4, 3])],
      ['slice one row, -1 size', () => tf.slice(x, [4, 0, 0], [-1, -1, -1])],
      ['slice empty', () => tf.slice(x, [2, 0, 0], [0, 4, 3])],
      ['slice non-contiguous', () => tf.slice(x, [1, 1, 0], [2, 2, 3])],
      ['slice int32', () => tf.slice(xi, [2, 0], [3, 4])],
      ['slice 1-D', () => tf.slice(tf.range(0, 10), [3], [4])],
      ['gather axis 0', () => tf.gather(x, tf.tensor1d([4, 0, 0, 2], 'int32'))],
      ['gather axis 0, 2-D indices', () => tf.gather(x, tf.tensor2d([[1, 3], [0, 4]], [2, 2], 'int32'))],
      ['gather axis 0, int32 data', () => tf.gather(xi, tf.tensor1d([5, 1], 'int32'))],
      ['gather axis 0, 1-D data', () => tf.gather(tf.range(0, 10), tf.tensor1d([9, 0, 3], 'int32'))],
      ['gather axis 1 (original kernel)', () => tf.gather(x, tf.tensor1d([3, 1], 'int32'), 1)],
      ['gather, no indices', () => tf.gather(x, tf.tensor1d([], 'int32'))],
    ];
    for (const [what, f] of cases) {
      const [a, b] = both(() => tf.tidy(f));
      assertSame(a, b, what);
    }
    tf.dispose([x, xi]);
  });

  it('an index out of range still throws', () => {
    registerWasmRowCopyKernels(tf);
    const x = tf.zeros([3, 2]);
    assert.throws(() => tf.gather(x, tf.tensor1d([3], 'int32')), /not in \[0, 2\]/);
    x.dispose();
  });

  it('model.fit trains the same with them, and leaks no tensor', async () => {
    const n = 200;
    const x = tf.randomUniform([n, 20], 0, 1, 'float32', 5);
    const y = tf.floor(tf.randomUniform([n], 0, 4, 'float32', 6));
    const run = async () => {
      const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [20], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }), tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) })] });
      m.compile({ optimizer: tf.train.adam(1e-2), loss: 'sparseCategoricalCrossentropy' });
      const h = await m.fit(x, y, { epochs: 3, batchSize: 32, shuffle: false, verbose: 0 });
      m.dispose();
      return h.history.loss as number[];
    };
    // (an optimizer's own state outlives m.dispose(): compare what each run leaves)
    restoreWasmRowCopyKernels(tf);
    let before = tf.memory().numTensors;
    const ref = await run();
    const refLeft = tf.memory().numTensors - before;
    registerWasmRowCopyKernels(tf);
    before = tf.memory().numTensors;
    const got = await run();
    assert.equal(tf.memory().numTensors - before, refLeft);
    assert.deepEqual(got, ref);
    tf.dispose([x, y]);
  });
});
