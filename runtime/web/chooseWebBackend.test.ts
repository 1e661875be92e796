import * as assert from 'node:assert/strict';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { useBackend, WASM_DIST_DIR } from '../backend/testSupport';
import type { Tf } from '../backend/tfTypes';
import { chooseWebBackend } from './chooseWebBackend';
import type { WebGLProbe } from './probeWebGL';

// The rule as the webview Worker runs it, in Node: no WebGL here, so a 'webgl' choice must
// fall back, and 'auto' must pick by the probe. WASM loads from node_modules by file path
// (the Worker gets blob: URLs for the same names).
const WASM_PATHS = Object.fromEntries(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']
  .map((name) => [name, path.join(WASM_DIST_DIR, name)]));
const SWIFTSHADER: WebGLProbe = { available: true, software: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)' };
const HARDWARE: WebGLProbe = { available: true, software: false, renderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)' };
const NO_WEBGL: WebGLProbe = { available: false, software: false, renderer: '', problem: 'no OffscreenCanvas in this worker' };
const t = tf as unknown as Tf;

describe('chooseWebBackend', function () {
  this.timeout(60000);
  let baseline = 0;
  before(async () => {
    await useBackend(t, 'cpu'); // a started backend, so tf.memory() can be read
    baseline = tf.memory().numTensors;
  });
  after(() => assert.equal(tf.memory().numTensors, baseline, 'tensors left behind'));

  it('auto on software WebGL (SwiftShader) picks WASM and says why', async () => {
    const c = await chooseWebBackend(t, { prefer: 'auto', webgl: SWIFTSHADER, wasmPaths: WASM_PATHS });
    assert.equal(c.backend, 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.match(c.detail, /^wasm \(auto: WebGL here is software \(ANGLE \(Google, Vulkan/);
    // the backend it chose trains: one step of a small model
    const x = tf.tensor2d([[0, 1], [1, 0]]);
    const y = tf.tidy(() => x.matMul(tf.ones([2, 1])));
    assert.deepEqual(Array.from(await y.data()), [1, 1]);
    tf.dispose([x, y]);
  });

  it('auto with WebGL on a hardware GPU tries WebGL and, where it cannot start, falls back to WASM without throwing', async () => {
    const c = await chooseWebBackend(t, { prefer: 'auto', webgl: HARDWARE, wasmPaths: WASM_PATHS });
    // Node has no WebGL: tfjs fails to start it, so this is the fallback path
    assert.equal(c.backend, 'wasm');
    assert.match(c.detail, /^wasm \(webgl unavailable \(/);
  });

  it('an explicit webgl that cannot start says it was requested', async () => {
    const c = await chooseWebBackend(t, { prefer: 'webgl', webgl: NO_WEBGL, wasmPaths: WASM_PATHS });
    assert.equal(c.backend, 'wasm');
    assert.match(c.detail, /webgl requested but unavailable \(no OffscreenCanvas in this worker\)/);
  });

  it('cpu when asked, and cpu with the reason when WASM could not be loaded', async () => {
    const asked = await chooseWebBackend(t, { prefer: 'cpu', webgl: SWIFTSHADER, wasmPaths: WASM_PATHS });
    assert.deepEqual(asked, { backend: 'cpu', detail: 'cpu (requested)' });
    const noWasm = await chooseWebBackend(t, { prefer: 'auto', webgl: NO_WEBGL, wasmProblem: 'could not load the WASM binaries: HTTP 404' });
    assert.equal(noWasm.backend, 'cpu');
    assert.match(noWasm.detail, /auto: no WebGL: no OffscreenCanvas in this worker; wasm unavailable: could not load the WASM binaries: HTTP 404/);
  });
});
