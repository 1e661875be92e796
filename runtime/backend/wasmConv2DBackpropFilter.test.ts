import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { registerWasmFallbacks } from './registerWasmFallbacks';
import { assertAllClose, seededFloats, tensorCounts, useBackend } from './testSupport';

interface FilterGradCase {
  name: string;
  xShape: [number, number, number, number];
  filterShape: [number, number, number, number];
  strides: [number, number];
  pad: 'valid' | 'same' | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
}

const CASES: FilterGradCase[] = [
  { name: 'NHWC stride 1 valid', xShape: [2, 7, 6, 2], filterShape: [3, 3, 2, 3], strides: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  { name: 'NHWC stride 2 same', xShape: [2, 9, 8, 3], filterShape: [3, 2, 3, 4], strides: [2, 2], pad: 'same', dataFormat: 'NHWC' },
  { name: 'NHWC strides 2×1 explicit padding', xShape: [1, 6, 7, 2], filterShape: [2, 3, 2, 2], strides: [2, 1], pad: [[0, 0], [1, 2], [2, 1], [0, 0]], dataFormat: 'NHWC' },
  // 50·50·40 inputs, 3×3 filters: ~830 K patch floats an image, so 6 images take two slices.
  { name: 'NHWC batch in two im2col slices', xShape: [6, 50, 50, 40], filterShape: [3, 3, 40, 1], strides: [1, 1], pad: 'valid', dataFormat: 'NHWC' },
  { name: 'NCHW stride 1 same', xShape: [2, 3, 6, 5], filterShape: [3, 3, 3, 2], strides: [1, 1], pad: 'same', dataFormat: 'NCHW' },
];

/** Runs the Conv2DBackpropFilter kernel directly on the active backend. */
function filterGrad(c: FilterGradCase): Float32Array {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(c.xShape, c.filterShape, c.strides, 1, c.pad, undefined, false,
      tf.backend_util.convertConv2DDataFormat(c.dataFormat));
    const dyShape = c.dataFormat === 'NHWC'
      ? [info.batchSize, info.outHeight, info.outWidth, info.outChannels]
      : [info.batchSize, info.outChannels, info.outHeight, info.outWidth];
    const x = tf.tensor(seededFloats(c.xShape.reduce((a, b) => a * b), 61), c.xShape);
    const dy = tf.tensor(seededFloats(dyShape.reduce((a, b) => a * b), 62), dyShape);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: c.dataFormat, filterShape: c.filterShape };
    const dW = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
    return dW.dataSync() as Float32Array;
  });
}

describe('wasm Conv2DBackpropFilter', () => {
  before(() => registerWasmFallbacks(tf));

  for (const c of CASES) {
    it(`equals the CPU kernel: ${c.name}`, async () => {
      await useBackend(tf, 'cpu');
      const onCpu = filterGrad(c);
      await useBackend(tf, 'wasm');
      const before = tensorCounts(tf);
      const onWasm = filterGrad(c);
      assertAllClose(onWasm, onCpu, 1e-4, 'dW'); // float32 sums of up to ~14 K terms against float64
      assert.deepEqual(tensorCounts(tf), before);
    });
  }
});
