import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { hasFastWasmMatMul } from './registerFastWasmMatMul';
import { selectBackend } from './selectBackend';
import { WASM_DIST_DIR } from './testSupport';

const DETAIL = /^wasm \((SIMD|no SIMD), \d+ threads?\); CPU fallbacks for \d+ kernels(; \d+ complex64 kernels unavailable)?$/;

/** Runs `script` in a fresh Node (tsx) process and returns its stdout and stderr together. */
function runFresh(script: string): string {
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: path.join(__dirname, '../..'),
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout + run.stderr;
}

describe('selectBackend', () => {
  it("picks 'wasm' and says how it runs", async () => {
    const choice = await selectBackend(tf, { prefer: 'auto', wasmDir: WASM_DIST_DIR });
    assert.equal(choice.backend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.match(choice.detail, DETAIL);
    // Node 20 has WebAssembly SIMD; tfjs-backend-wasm never uses threads under Node.
    assert.match(choice.detail, /^wasm \(SIMD, 1 thread\); CPU fallbacks for 10 kernels/);
    // The bridged kernels are live: a conv gradient needs Conv2DBackpropFilter.
    const grad = tf.tidy(() => tf.grad((w: tf.Tensor) => tf.conv2d(tf.ones([1, 4, 4, 1]) as tf.Tensor4D, w as tf.Tensor4D, 1, 'valid').sum())(tf.ones([3, 3, 1, 2])).dataSync());
    assert.deepEqual(Array.from(grad), new Array(18).fill(4));
    assert.ok(hasFastWasmMatMul(tf), 'fast matMul applied');
  });

  it("uses 'cpu' when asked to", async () => {
    const choice = await selectBackend(tf, { prefer: 'cpu' });
    assert.deepEqual(choice, { backend: 'cpu', detail: 'cpu (requested)' });
    assert.equal(tf.getBackend(), 'cpu');
    await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIST_DIR }); // and back again
    assert.equal(tf.getBackend(), 'wasm');
  });

  it("falls back to 'cpu' with the reason when the binaries are missing", async () => {
    const choice = await selectBackend(tf, { prefer: 'wasm', wasmDir: path.join(__dirname, 'no-such-dir') });
    assert.equal(choice.backend, 'cpu');
    assert.match(choice.detail, /^cpu \(wasm requested but unavailable: tfjs-backend-wasm-simd\.wasm not found in .*no-such-dir\)$/);
    await selectBackend(tf, { prefer: 'auto', wasmDir: WASM_DIST_DIR });
  });

  it('prints nothing and leaves no crash-on-error process handlers (fresh process)', function () {
    this.timeout(60000);
    const output = runFresh(`
      const tf = require('@tensorflow/tfjs');
      const { selectBackend } = require(${JSON.stringify(path.join(__dirname, 'selectBackend'))});
      (async () => {
        const before = process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException');
        const wasm = await selectBackend(tf, { prefer: 'auto', wasmDir: ${JSON.stringify(WASM_DIST_DIR)} });
        tf.tensor1d([1, 2, 3]).square().dataSync();
        const after = process.listenerCount('unhandledRejection') + process.listenerCount('uncaughtException');
        const cpu = await selectBackend(tf, { prefer: 'cpu' });
        tf.tensor1d([1, 2, 3]).square().dataSync();
        process.stdout.write('RESULT ' + JSON.stringify({ wasm: wasm.backend, cpu: cpu.backend, added: after - before }));
      })();`);
    // Anything besides our one line (e.g. tfjs's "Hi, looks like you are running
    // TensorFlow.js in Node.js" banner) would show up here.
    assert.match(output, /^RESULT \{/);
    assert.deepEqual(JSON.parse(output.slice('RESULT '.length)), { wasm: 'wasm', cpu: 'cpu', added: 0 });
  });

  it('finds out/wasm/ beside the bundle on its own (fresh process, no wasmDir)', function () {
    this.timeout(60000);
    // Unbundled, "beside this code" is runtime/backend/wasm (absent), so tfjs's own
    // node_modules lookup must be what is used.
    const output = runFresh(`
      const tf = require('@tensorflow/tfjs');
      const { selectBackend } = require(${JSON.stringify(path.join(__dirname, 'selectBackend'))});
      selectBackend(tf, { prefer: 'auto' }).then((c) => process.stdout.write(JSON.stringify(c)));`);
    assert.equal((JSON.parse(output) as { backend: string }).backend, 'wasm');
  });
});
