import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type Tf = typeof tfjs;

/**
 * tfjs-backend-wasm 4.22's Slice reads its whole input with `readSync` (a copy of the full
 * tensor out of the wasm heap) before copying the slice, and its GatherV2 takes time in
 * proportion to the whole input too: cutting a 128-row batch out of 10,000 MNIST digits
 * costs ~6–7 ms either way, more than the training step, and model.fit does it for every
 * batch (it gathers x and y). These wrappers copy just the rows from a view of the heap
 * for the common cases (Slice: a contiguous range; GatherV2: axis 0, no batch dims,
 * numeric dtype) and leave everything else to the original kernel.
 */
export const ROW_COPY_KERNELS: readonly string[] = ['Slice', 'GatherV2'];

const MARK = Symbol.for('nnbook.runtime.fast.wasmRowCopy');
type Marked = tfjs.KernelConfig & { [MARK]?: tfjs.KernelConfig };

interface KernelArgs { inputs: Record<string, tfjs.TensorInfo>; attrs: Record<string, unknown>; backend: BackendWasm }
type Kernel = (args: KernelArgs) => tfjs.TensorInfo;

function sliceFast(tf: Tf, original: Kernel): Kernel {
  return (args) => {
    const x = args.inputs.x;
    if (x.dtype === 'string') return original(args);
    const [begin, size] = tf.slice_util.parseSliceParams(x as tfjs.Tensor, args.attrs.begin as number[], args.attrs.size as number[]);
    if (!tf.slice_util.isSliceContinous(x.shape, begin, size)) return original(args);
    const b = args.backend;
    const out = b.makeOutput(size, x.dtype);
    const count = tf.util.sizeFromShape(size);
    if (count > 0) {
      const offset = tf.slice_util.computeFlatOffset(begin, tf.util.computeStrides(x.shape));
      (b.typedArrayFromHeap(out) as tfjs.TypedArray).set((b.typedArrayFromHeap(x) as tfjs.TypedArray).subarray(offset, offset + count));
    }
    return out;
  };
}

function gatherFast(tf: Tf, original: Kernel): Kernel {
  return (args) => {
    const { x, indices } = args.inputs;
    const axis = tf.util.parseAxisParam(args.attrs.axis as number, x.shape)[0];
    if (x.dtype === 'string' || axis !== 0 || ((args.attrs.batchDims as number | undefined) ?? 0) !== 0 || x.shape.length === 0) return original(args);
    const b = args.backend;
    const idx = b.typedArrayFromHeap(indices) as tfjs.TypedArray;
    const rows = x.shape[0];
    for (let i = 0; i < idx.length; i++) if (!(idx[i] >= 0 && idx[i] < rows)) return original(args); // the original throws its own error
    const rowSize = tf.util.sizeFromShape(x.shape.slice(1));
    const out = b.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
    const src = b.typedArrayFromHeap(x) as tfjs.TypedArray;
    const dst = b.typedArrayFromHeap(out) as tfjs.TypedArray;
    for (let i = 0; i < idx.length; i++) {
      const r = idx[i] * rowSize;
      dst.set(src.subarray(r, r + rowSize), i * rowSize);
    }
    return out;
  };
}

/**
 * Wraps the wasm Slice and GatherV2 kernels with row copies from the heap (same results,
 * each batch cut in time proportional to the batch, not to the dataset). Idempotent;
 * needs the wasm backend registered. Call after `tf.setBackend('wasm')`.
 *
 * @returns the kernel names now wrapped on 'wasm'.
 * @example
 * registerWasmRowCopyKernels(tf); // ['Slice', 'GatherV2']
 * await model.fit(x, y, { batchSize: 128 }); // no longer pays ~6 ms per batch to cut it
 */
export function registerWasmRowCopyKernels(tf: Tf): string[] {
  const done: string[] = [];
  for (const name of ROW_COPY_KERNELS) {
    const current = tf.getKernel(name, 'wasm') as Marked | undefined;
    if (current == null) continue;
    if (current[MARK] == null) {
      const original = current;
      const wrap = name === 'Slice' ? sliceFast : gatherFast;
      const config: Marked = { ...original, kernelFunc: wrap(tf, original.kernelFunc as unknown as Kernel) as unknown as tfjs.KernelFunc, [MARK]: original };
      tf.unregisterKernel(name, 'wasm');
      tf.registerKernel(config);
    }
    done.push(name);
  }
  return done;
}

/** Puts the original wasm Slice and GatherV2 back (benchmarks, tests). */
export function restoreWasmRowCopyKernels(tf: Tf): void {
  for (const name of ROW_COPY_KERNELS) {
    const original = (tf.getKernel(name, 'wasm') as Marked | undefined)?.[MARK];
    if (original == null) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel(original);
  }
}
