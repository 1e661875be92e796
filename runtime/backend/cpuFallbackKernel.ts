import type * as tfjs from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { getQuietCpuBackend } from './quietCpuBackend';
import type { Tf } from './tfTypes';

// A kernel input is one tensor, an optional one, or (Einsum's operands, RaggedGather's
// splits) a list of tensors; the CPU kernels index whatever shape they were given.
type KernelInput = tfjs.TensorInfo | tfjs.TensorInfo[] | undefined;
type KernelInputs = Record<string, KernelInput> | tfjs.TensorInfo[];

/**
 * Builds a WASM kernel that runs the CPU backend's kernel of the same name: it copies the
 * inputs out of the WASM heap into CPU tensors, runs the CPU kernel, copies each output
 * into a fresh WASM tensor and disposes every CPU-side tensor it made.
 *
 * Why: tfjs-backend-wasm lacks some kernels (e.g. Conv2DBackpropFilter, so a CNN cannot
 * train on it); a copy both ways is cheap next to the kernels involved. complex64 cannot
 * be carried (the WASM backend has no storage for it), and string/int32/bool/float32 can.
 *
 * @example
 * tf.registerKernel({ kernelName: 'Einsum', backendName: 'wasm',
 *   kernelFunc: makeCpuFallbackKernel(tf, 'Einsum') });
 */
export function makeCpuFallbackKernel(tf: Tf, kernelName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const cpu = getQuietCpuBackend(tf);
    // Looked up per call so a CPU kernel re-registered later is the one that runs.
    const cpuKernel = tf.getKernel(kernelName, 'cpu');
    if (cpuKernel == null) throw new Error(`Kernel '${kernelName}' is not registered for backend 'cpu'.`);

    const madeOnCpu: tfjs.TensorInfo[] = [];
    const toCpu = (info: tfjs.TensorInfo): tfjs.TensorInfo => {
      const copy = cpu.makeTensorInfo(info.shape, info.dtype, copyValues(wasm.readSync(info.dataId)));
      madeOnCpu.push(copy);
      return copy;
    };
    try {
      const cpuInputs = mapInputs(inputs as KernelInputs, toCpu);
      const result = cpuKernel.kernelFunc({ inputs: cpuInputs as tfjs.NamedTensorInfoMap, backend: cpu, attrs });
      const cpuOutputs = Array.isArray(result) ? result : [result];
      madeOnCpu.push(...cpuOutputs);
      const wasmOutputs = cpuOutputs.map((out) => toWasm(kernelName, wasm, cpu, out));
      return Array.isArray(result) ? wasmOutputs : wasmOutputs[0];
    } finally {
      // A CPU kernel may hand back one of its inputs (refcount raised), so each made tensor
      // is released once; CPU disposeData of an already-freed id is a no-op.
      for (const info of madeOnCpu) cpu.disposeData(info.dataId);
    }
  };
}

/** Applies `fn` to every tensor in a kernel's inputs, keeping their arrangement. */
function mapInputs(inputs: KernelInputs, fn: (info: tfjs.TensorInfo) => tfjs.TensorInfo): KernelInputs {
  const mapOne = (value: KernelInput): KernelInput =>
    value == null ? value : Array.isArray(value) ? value.map(fn) : fn(value);
  if (Array.isArray(inputs)) return inputs.map(fn);
  const mapped: Record<string, KernelInput> = {};
  for (const [name, value] of Object.entries(inputs)) mapped[name] = mapOne(value);
  return mapped;
}

/** A private copy of backend values, so the CPU side never aliases WASM-owned memory. */
function copyValues(values: tfjs.backend_util.BackendValues): tfjs.backend_util.BackendValues {
  return Array.isArray(values) ? values.map((bytes) => bytes.slice()) : values.slice();
}

/** Copies one CPU tensor's values into a newly allocated WASM tensor of the same shape and dtype. */
function toWasm(kernelName: string, wasm: BackendWasm, cpu: tfjs.MathBackendCPU, out: tfjs.TensorInfo): tfjs.TensorInfo {
  const values = cpu.readSync(out.dataId);
  if (out.dtype === 'complex64') {
    throw new Error(`Kernel '${kernelName}' produced a complex64 tensor, which the wasm backend cannot hold.`);
  }
  if (out.dtype === 'string') {
    return wasm.makeOutput([...out.shape], 'string', undefined, copyValues(values));
  }
  const wasmOut = wasm.makeOutput([...out.shape], out.dtype);
  // `set` converts element-wise, so a CPU kernel that stored int32/bool in another typed
  // array kind still lands correctly.
  wasm.typedArrayFromHeap(wasmOut).set(values as ArrayLike<number>);
  return wasmOut;
}
