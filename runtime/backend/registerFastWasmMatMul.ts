// Imported for its side effect: the wasm kernels this wraps must be registered first.
import '@tensorflow/tfjs-backend-wasm';
import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { Tf } from './tfTypes';

/**
 * The wasm kernels that take transposeA/transposeB and are slow when either is set:
 * tfjs-backend-wasm 4.22 multiplies a transposed operand ~10× slower than it transposes
 * it and multiplies plainly (128×784ᵀ · 128×128: ~17 ms against ~1.4 ms), and tfjs's
 * MatMul gradient uses exactly those transposed forms, so every backward pass pays it.
 */
export const FAST_MATMUL_KERNELS: readonly string[] = ['BatchMatMul', '_FusedMatMul'];

const FAST_MARK = Symbol.for('nnbook.runtime.backend.fastWasmMatMul');

type FastKernelConfig = tfjs.KernelConfig & { [FAST_MARK]?: tfjs.KernelConfig };

/**
 * Re-registers the wasm BatchMatMul and _FusedMatMul kernels so that a transposed operand
 * is first transposed explicitly (wasm Transpose kernel) and then multiplied plainly.
 *
 * Why a kernel and not the gradient: gradients are global (every backend), kernels are
 * per backend; this changes nothing on 'cpu' or 'webgl', leaves tfjs's gradient maths as
 * it is, and also speeds forward matMuls with transposes (e.g. the fused-matMul gradient).
 * The original kernel's setup/dispose hooks are kept. Idempotent.
 *
 * @returns the kernel names now wrapped on 'wasm'.
 * @example
 * registerFastWasmMatMul(tf); // ['BatchMatMul', '_FusedMatMul']
 * await model.fit(xs, ys);    // on 'wasm': ~2× the samples/s of a small MLP
 */
export function registerFastWasmMatMul(tf: Tf): string[] {
  const wrapped: string[] = [];
  for (const kernelName of FAST_MATMUL_KERNELS) {
    const current = tf.getKernel(kernelName, 'wasm') as FastKernelConfig | undefined;
    if (current == null) continue;
    if (current[FAST_MARK] == null) {
      const original: tfjs.KernelConfig = current;
      const config: FastKernelConfig = {
        ...original,
        kernelFunc: transposeThenMultiply(tf, original.kernelFunc),
        [FAST_MARK]: original,
      };
      tf.unregisterKernel(kernelName, 'wasm'); // re-registering would log a warning
      tf.registerKernel(config);
    }
    wrapped.push(kernelName);
  }
  return wrapped;
}

/**
 * Whether the wasm BatchMatMul kernel is currently the wrapped one.
 *
 * @example
 * registerFastWasmMatMul(tf);
 * hasFastWasmMatMul(tf); // true
 */
export function hasFastWasmMatMul(tf: Tf): boolean {
  const current = tf.getKernel('BatchMatMul', 'wasm') as FastKernelConfig | undefined;
  return current?.[FAST_MARK] != null;
}

/**
 * Puts back the kernels registerFastWasmMatMul replaced (for benchmarks and tests).
 *
 * @example
 * restoreWasmMatMul(tf); // model.fit on 'wasm' uses tfjs's own kernels again
 */
export function restoreWasmMatMul(tf: Tf): void {
  for (const kernelName of FAST_MATMUL_KERNELS) {
    const current = tf.getKernel(kernelName, 'wasm') as FastKernelConfig | undefined;
    const original = current?.[FAST_MARK];
    if (original == null) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel(original);
  }
}

/** Wraps a matMul-like kernel: swaps the last two axes of a/b up front, then calls it untransposed. */
function transposeThenMultiply(tf: Tf, multiply: tfjs.KernelFunc): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { transposeA, transposeB } = (attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    const { a, b } = inputs;
    if ((!transposeA && !transposeB) || a == null || b == null || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return multiply({ inputs, backend, attrs });
    }
    const wasm = backend as BackendWasm;
    const temporaries: tfjs.TensorInfo[] = [];
    const swapLastTwo = (x: tfjs.TensorInfo): tfjs.TensorInfo => {
      const transposed = transpose(tf, wasm, x);
      temporaries.push(transposed);
      return transposed;
    };
    try {
      const plainInputs = { ...inputs, a: transposeA ? swapLastTwo(a) : a, b: transposeB ? swapLastTwo(b) : b };
      return multiply({ inputs: plainInputs, backend, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const info of temporaries) wasm.disposeData(info.dataId);
    }
  };
}

/** x with its last two axes swapped, made by the wasm Transpose kernel. */
function transpose(tf: Tf, wasm: BackendWasm, x: tfjs.TensorInfo): tfjs.TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  const kernel = tf.getKernel('Transpose', 'wasm');
  return kernel.kernelFunc({ inputs: { x }, backend: wasm, attrs: { perm } }) as tfjs.TensorInfo;
}
