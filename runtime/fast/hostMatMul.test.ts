import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { selectBackend } from '../backend/selectBackend';
import { assertAllClose, WASM_DIST_DIR } from '../backend/testSupport';
import { JS_MATMUL, kernelMatMul, transpose, type HostMatMul } from './hostMatMul';

/** The reference product's values, its tensor freed. */
function ref(f: () => tf.Tensor): Float32Array {
  const t = f();
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v;
}

function randoms(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1103515245) + 12345) >>> 0; out[i] = s / 4294967296 - 0.5; }
  return out;
}

describe('hostMatMul: the three products of a Dense step, against tf.matMul', function () {
  this.timeout(60_000);
  before(async () => {
    const c = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIST_DIR });
    assert.equal(c.backend, 'wasm', c.detail);
  });

  const shapes: [number, number, number][] = [[4, 2, 3], [32, 20, 16], [128, 784, 128], [7, 130, 9]];
  for (const [name, make] of [['JS loops', () => JS_MATMUL], ['kernel above 20k multiply-adds', () => kernelMatMul(tf, 20_000)], ['kernel always', () => kernelMatMul(tf, 0)]] as [string, () => HostMatMul][]) {
    it(`${name}: ab, aTb, abT equal tf.matMul with transposes (several shapes)`, () => {
      const mm = make();
      const before = tf.memory().numTensors;
      for (const [m, k, n] of shapes) {
        const a = randoms(m * k, m), b = randoms(k * n, k), d = randoms(m * n, n);
        const ta = tf.tensor2d(a, [m, k]), tb = tf.tensor2d(b, [k, n]), td = tf.tensor2d(d, [m, n]);
        const out = new Float32Array(Math.max(m * n, k * n, m * k) + 5); // longer than needed, as the engine's buffers
        mm.ab(a, m, k, b, n, out);
        assertAllClose(out.subarray(0, m * n), ref(() => tf.matMul(ta, tb)), 1e-5, `ab ${m}x${k}x${n}`);
        mm.aTb(a, m, k, d, n, out);
        assertAllClose(out.subarray(0, k * n), ref(() => tf.matMul(ta, td, true, false)), 1e-5, `aTb ${m}x${k}x${n}`);
        mm.abT(d, m, n, b, k, out);
        assertAllClose(out.subarray(0, m * k), ref(() => tf.matMul(td, tb, false, true)), 1e-5, `abT ${m}x${k}x${n}`);
        tf.dispose([ta, tb, td]);
      }
      assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    });
  }

  it('transpose', () => {
    const x = randoms(6, 1), t = new Float32Array(6);
    transpose(x, 2, 3, t);
    assert.deepEqual(Array.from(t), [x[0], x[3], x[1], x[4], x[2], x[5]]);
  });
});
