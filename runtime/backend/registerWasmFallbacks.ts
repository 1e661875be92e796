// Imported for its side effect: it registers the wasm backend and its own kernels, so the
// "what does wasm lack" question below is answered against them whatever order the
// caller loaded tfjs and the wasm backend in. (Without this, fallbacks registered first
// would later be overwritten by the wasm package, with a console warning for each.)
import '@tensorflow/tfjs-backend-wasm';
import type * as tfjs from '@tensorflow/tfjs';
import { makeCpuFallbackKernel } from './cpuFallbackKernel';
import { getQuietCpuBackend } from './quietCpuBackend';
import type { Tf } from './tfTypes';
import { makeWasmConv2DBackpropFilter } from './wasmConv2DBackpropFilter';

/**
 * Kernels the CPU backend has that are not bridged, because their tensors are complex64,
 * a dtype the WASM backend cannot store. On 'wasm' they stay "not registered".
 */
export const COMPLEX64_KERNELS: readonly string[] = ['Complex', 'ComplexAbs', 'FFT', 'IFFT', 'Imag', 'Real'];

/**
 * Missing kernels given a WASM-side implementation instead of the CPU round trip, because
 * the CPU one is too slow to train with (see wasmConv2DBackpropFilter.ts).
 */
const DIRECT_KERNELS: Readonly<Record<string, (tf: Tf) => tfjs.KernelFunc>> = {
  Conv2DBackpropFilter: makeWasmConv2DBackpropFilter,
};

/** Marks our kernel configs so a second call recognises them (survives duplicate module copies). */
const FALLBACK_MARK = Symbol.for('nnbook.runtime.backend.wasmCpuFallback');

type MarkedKernelConfig = tfjs.KernelConfig & { [FALLBACK_MARK]?: true };

/**
 * For every kernel the CPU backend has and the WASM backend lacks, registers a WASM kernel
 * that runs the CPU one on copies of its inputs (see makeCpuFallbackKernel), so models
 * such as CNNs (Conv2DBackpropFilter) can train on 'wasm'. Conv2DBackpropFilter itself
 * gets a direct WASM-heap implementation instead, the CPU one being far too slow. complex64 kernels are skipped
 * (COMPLEX64_KERNELS). Does not switch the global backend and prints nothing.
 *
 * Idempotent: a second call registers nothing new and returns the same list.
 *
 * @returns the sorted names of the kernels that run on 'wasm' through the CPU fallback.
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const bridged = registerWasmFallbacks(tf); // ['Conv2DBackpropFilter', 'Einsum', ...]
 * await tf.setBackend('wasm');
 */
export function registerWasmFallbacks(tf: Tf): string[] {
  const cpuKernels = tf.getKernelsForBackend('cpu');
  if (cpuKernels.length === 0) return [];
  // Create (and quieten) the CPU backend now rather than inside the first bridged kernel.
  getQuietCpuBackend(tf);

  const wasmKernels = new Map<string, MarkedKernelConfig>();
  for (const config of tf.getKernelsForBackend('wasm')) wasmKernels.set(config.kernelName, config);

  const bridged: string[] = [];
  for (const { kernelName } of cpuKernels) {
    if (COMPLEX64_KERNELS.includes(kernelName)) continue;
    const existing = wasmKernels.get(kernelName);
    if (existing != null && existing[FALLBACK_MARK] !== true) continue; // wasm has its own
    if (existing == null) {
      const makeDirect = DIRECT_KERNELS[kernelName];
      const config: MarkedKernelConfig = {
        kernelName,
        backendName: 'wasm',
        kernelFunc: makeDirect != null ? makeDirect(tf) : makeCpuFallbackKernel(tf, kernelName),
        [FALLBACK_MARK]: true,
      };
      tf.registerKernel(config);
    }
    bridged.push(kernelName);
  }
  return bridged.sort();
}

/**
 * The kernels the CPU backend has that stay missing on 'wasm' even after
 * registerWasmFallbacks (the complex64 ones), for diagnostics.
 *
 * @example
 * unbridgedWasmKernels(tf); // ['Complex', 'ComplexAbs', 'FFT', 'IFFT', 'Imag', 'Real']
 */
export function unbridgedWasmKernels(tf: Tf): string[] {
  const onWasm = new Set(tf.getKernelsForBackend('wasm').map((k) => k.kernelName));
  return tf
    .getKernelsForBackend('cpu')
    .map((k) => k.kernelName)
    .filter((name) => !onWasm.has(name))
    .sort();
}
