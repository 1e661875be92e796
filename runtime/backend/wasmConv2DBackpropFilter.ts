import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Tf } from './tfTypes';

/** The attributes tfjs passes to the Conv2DBackpropFilter kernel. */
interface Conv2DBackpropFilterAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** Upper bound on the im2col buffer, in floats (16 MB): larger batches are done in slices. */
const MAX_PATCH_FLOATS = 1 << 22;

/**
 * A WASM-backend Conv2DBackpropFilter (the conv2d weight gradient) with the maths and
 * attributes of tfjs's CPU kernel (strides, valid/same/explicit padding, NHWC/NCHW;
 * dilation 1, as tfjs's conv2d gradient requires).
 *
 * How: im2col. For a slice of the batch, the input patches are laid out as a matrix
 * P[(wR, wC, d1), (b, yR, yC)] and dy as D[(b, yR, yC), d2]; then dW = P · D is one plain
 * wasm BatchMatMul (XNNPACK), summed over slices.
 *
 * Why not the generic CPU fallback: the CPU kernel reads every element through
 * TensorBuffer.get, ~4 M multiply-adds/s; a 28×28×1 → 8-filter conv with batch 64 spent
 * ~0.8 s a step in it. Sums are float32 within a slice (XNNPACK) and float64 across
 * slices, so results agree with the CPU kernel's float64 sums to float32 accumulation
 * error (~1e-5 relative for ~10 K terms).
 *
 * @example
 * tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm',
 *   kernelFunc: makeWasmConv2DBackpropFilter(tf) });
 */
export function makeWasmConv2DBackpropFilter(tf: Tf): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const { x, dy } = inputs as { x: tfjs.TensorInfo; dy: tfjs.TensorInfo };
    const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (x.dtype !== 'float32' || dy.dtype !== 'float32') {
      throw new Error(`Conv2DBackpropFilter on wasm needs float32 tensors, got ${x.dtype} and ${dy.dtype}.`);
    }
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], filterShape, strides, 1, pad, dimRoundingMode, false,
      tf.backend_util.convertConv2DDataFormat(dataFormat));
    const patchSize = info.filterHeight * info.filterWidth * info.inChannels;
    const positions = info.outHeight * info.outWidth;
    const imagesPerSlice = Math.max(1, Math.floor(MAX_PATCH_FLOATS / (patchSize * positions)));
    const matMul = tf.getKernel('BatchMatMul', 'wasm').kernelFunc;

    const sums = new Float64Array(patchSize * info.outChannels);
    for (let first = 0; first < info.batchSize; first += imagesPerSlice) {
      const count = Math.min(imagesPerSlice, info.batchSize - first);
      const columns = count * positions;
      const patches = wasm.makeOutput([1, patchSize, columns], 'float32');
      const grads = wasm.makeOutput([1, columns, info.outChannels], 'float32');
      // Heap views are taken only after the allocations above (a heap growth detaches them).
      fillPatches(info, wasm.typedArrayFromHeap(x) as Float32Array, wasm.typedArrayFromHeap(patches) as Float32Array, first, count);
      fillGrads(info, wasm.typedArrayFromHeap(dy) as Float32Array, wasm.typedArrayFromHeap(grads) as Float32Array, first, count);
      const product = matMul({ inputs: { a: patches, b: grads }, backend: wasm, attrs: { transposeA: false, transposeB: false } }) as tfjs.TensorInfo;
      const values = wasm.typedArrayFromHeap(product);
      for (let i = 0; i < sums.length; i++) sums[i] += values[i];
      for (const temporary of [patches, grads, product]) wasm.disposeData(temporary.dataId);
    }
    const out = wasm.makeOutput([...info.filterShape], 'float32');
    wasm.typedArrayFromHeap(out).set(sums);
    return out;
  };
}

/** Element strides (batch, row, column, channel) of a 4-D tensor in either layout. */
function strides4d(channelsLast: boolean, height: number, width: number, channels: number): [number, number, number, number] {
  return channelsLast
    ? [height * width * channels, width * channels, channels, 1]
    : [channels * height * width, width, 1, height * width];
}

/** im2col: patches[(wR, wC, d1), (b, yR, yC)] = x[b, yR·sH + wR − top, yC·sW + wC − left, d1], 0 in the padding. */
function fillPatches(info: tfjs.backend_util.Conv2DInfo, xs: Float32Array, patches: Float32Array, first: number, count: number): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const [xB, xR, xC, xD] = strides4d(info.dataFormat === 'channelsLast', inHeight, inWidth, inChannels);
  const columns = count * outHeight * outWidth;
  patches.fill(0);
  for (let wRow = 0; wRow < filterHeight; wRow++) {
    for (let wCol = 0; wCol < filterWidth; wCol++) {
      for (let d1 = 0; d1 < inChannels; d1++) {
        const rowStart = ((wRow * filterWidth + wCol) * inChannels + d1) * columns;
        for (let b = 0; b < count; b++) {
          const xImage = (first + b) * xB + d1 * xD;
          for (let outRow = 0; outRow < outHeight; outRow++) {
            const inRow = outRow * strideHeight + wRow - info.padInfo.top;
            if (inRow < 0 || inRow >= inHeight) continue;
            const column = rowStart + (b * outHeight + outRow) * outWidth;
            for (let outCol = 0; outCol < outWidth; outCol++) {
              const inCol = outCol * strideWidth + wCol - info.padInfo.left;
              if (inCol >= 0 && inCol < inWidth) patches[column + outCol] = xs[xImage + inRow * xR + inCol * xC];
            }
          }
        }
      }
    }
  }
}

/** grads[(b, yR, yC), d2] = dy[first + b, yR, yC, d2], whatever dy's layout. */
function fillGrads(info: tfjs.backend_util.Conv2DInfo, dys: Float32Array, grads: Float32Array, first: number, count: number): void {
  const { outHeight, outWidth, outChannels } = info;
  const perImage = outHeight * outWidth * outChannels;
  if (info.dataFormat === 'channelsLast') {
    grads.set(dys.subarray(first * perImage, (first + count) * perImage));
    return;
  }
  const positions = outHeight * outWidth;
  for (let b = 0; b < count; b++) {
    const image = (first + b) * perImage;
    for (let d2 = 0; d2 < outChannels; d2++) {
      for (let p = 0; p < positions; p++) grads[(b * positions + p) * outChannels + d2] = dys[image + d2 * positions + p];
    }
  }
}
