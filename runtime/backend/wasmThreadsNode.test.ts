import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'path';
import { WASM_DIST_DIR } from './testSupport';

/**
 * A fresh Node (tsx) process: threads are decided once per process. It trains a small
 * MLP through tfjs's model.fit with `threads` XNNPACK threads and prints what it got;
 * `before` runs first (to break the threads). The process must exit by itself: the pool
 * threads must not keep it alive.
 */
function trainFresh(threads: number, before = ''): { detail: string; backend: string; loss: number[]; numTensors: number } {
  const script = `
    ${before}
    const tf = require('@tensorflow/tfjs');
    const { selectBackend } = require(${JSON.stringify(path.join(__dirname, 'selectBackend'))});
    (async () => {
      const choice = await selectBackend(tf, { prefer: 'wasm', wasmDir: ${JSON.stringify(WASM_DIST_DIR)}, threads: ${threads} });
      const start = tf.memory().numTensors;
      const m = tf.sequential({ layers: [
        tf.layers.dense({ inputShape: [64], units: 96, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
        tf.layers.dense({ units: 4, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }) ] });
      m.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy' });
      const x = tf.tensor2d(Array.from({ length: 256 * 64 }, (_, i) => Math.sin(i * 0.37)), [256, 64]);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 256 }, (_, i) => i % 4), 'int32'), 4).toFloat());
      const h = await m.fit(x, y, { epochs: 3, batchSize: 64, shuffle: false, verbose: 0 });
      tf.dispose([x, y]); m.dispose();
      process.stdout.write('RESULT ' + JSON.stringify({ ...choice, loss: h.history.loss, numTensors: tf.memory().numTensors - start }));
    })();`;
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: path.join(__dirname, '../..'), encoding: 'utf8', timeout: 60000 });
  assert.equal(run.signal, null, `the process did not exit by itself: ${run.stderr}`);
  assert.equal(run.status, 0, run.stderr);
  const line = run.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  assert.ok(line, run.stdout + run.stderr);
  return JSON.parse(line.slice('RESULT '.length));
}

describe('wasmThreadsNode: tfjs-backend-wasm threaded in Node', function () {
  this.timeout(120000);

  it('2 threads start, train to the same losses as 1 thread, leak nothing, and let the process exit', () => {
    const one = trainFresh(1), two = trainFresh(2);
    assert.match(one.detail, /^wasm \(SIMD, 1 thread\);/);
    assert.match(two.detail, /^wasm \(SIMD, 2 threads\);/);
    assert.equal(two.loss.length, 3);
    assert.ok(two.loss[2] < two.loss[0], `it learns: ${two.loss}`);
    // XNNPACK splits outputs between threads, never a sum: the same float32 numbers
    assert.deepEqual(two.loss, one.loss);
    assert.equal(two.numTensors, 0);
  });

  it('a thread that cannot start: the single-threaded build runs instead, and says why', () => {
    // every pthread worker gets a script that throws
    const r = trainFresh(2, `require('buffer').resolveObjectURL = () => new Blob(['throw new Error("boom")']);`);
    assert.equal(r.backend, 'wasm');
    assert.match(r.detail, /^wasm \(SIMD, 1 thread\); .*; threads off: a WASM thread failed to start: .*boom/);
    assert.ok(r.loss[2] < r.loss[0]);
  });
});
