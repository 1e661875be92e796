import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { registerFastWasmMatMul } from '../backend/registerFastWasmMatMul';
import { registerWasmRowCopyKernels } from '../fast/wasmRowCopyKernels';
import { registerWasmFallbacks, unbridgedWasmKernels } from '../backend/registerWasmFallbacks';
import type { Tf } from '../backend/tfTypes';
import type { WebGLProbe } from './probeWebGL';
import type { WasmPaths, WebBackendSetting } from './workerMessages';

export interface WebBackendChoice {
  /** The active tfjs backend: 'webgl', 'wasm' or 'cpu'. */
  backend: string;
  /** One line for people: what runs, and why that one. */
  detail: string;
}

export interface ChooseWebBackendOptions {
  prefer: WebBackendSetting;
  webgl: WebGLProbe;
  /** blob: URLs of the WASM binaries; absent when the page could not load them. */
  wasmPaths?: WasmPaths;
  wasmProblem?: string;
}

/**
 * Makes one backend active in the browser worker, per `nnbook.kernel.backend`:
 *
 * - `webgl`: WebGL (OffscreenCanvas), whatever the renderer — the user asked.
 * - `wasm`: WASM with the CPU fallback kernels and the fast matMul (runtime/backend).
 * - `cpu`: plain JavaScript.
 * - `auto`: WebGL on a hardware GPU; WASM when WebGL is software (SwiftShader, llvmpipe),
 *   because software WebGL trains the chapters' models 4–14× slower than WASM; CPU when
 *   neither works. It decides by the renderer string, not by a timed trial, so kernel
 *   start stays fast. Measured (`npm run bench:webview`, BENCHMARKS.md): on SwiftShader,
 *   WASM is the best backend for MNIST-MLP, CNN and LSTM (webgl and cpu 4–16× slower);
 *   a 2-16-1 XOR net's `model.fit` runs the same plain-JS loop on every backend
 *   (runtime/fast), and its measured gaps (up to 0.65 of the best in a run) are as big as
 *   wasm-vs-wasm noise, so no other choice would do better. The hardware-GPU branch is
 *   reasoned, not measured (no GPU where it was benchmarked).
 *
 * Never throws: an unusable backend falls back (webgl → wasm → cpu) and `detail` says why.
 */
export async function chooseWebBackend(tf: Tf, opts: ChooseWebBackendOptions): Promise<WebBackendChoice> {
  const { prefer, webgl } = opts;
  const gpu = webgl.available ? `${webgl.software ? 'software ' : ''}WebGL 2: ${webgl.renderer}` : `no WebGL: ${webgl.problem}`;
  if (prefer === 'cpu') return useCpu(tf, 'cpu (requested)');
  if (prefer === 'webgl' || (prefer === 'auto' && webgl.available && !webgl.software)) {
    const why = prefer === 'webgl' ? 'requested' : 'auto: hardware GPU';
    const problem = webgl.available ? await trySetBackend(tf, 'webgl') : webgl.problem;
    if (problem === undefined) return { backend: 'webgl', detail: `webgl (${why}; ${gpu})` };
    return useWasm(tf, opts, `webgl ${prefer === 'webgl' ? 'requested but ' : ''}unavailable (${problem})`);
  }
  if (prefer === 'wasm') return useWasm(tf, opts, 'requested');
  // auto without a usable hardware GPU
  const why = webgl.available
    ? `auto: WebGL here is software (${webgl.renderer}), which trains small models several times slower than WASM`
    : `auto: ${gpu}`;
  return useWasm(tf, opts, why);
}

async function useWasm(tf: Tf, opts: ChooseWebBackendOptions, why: string): Promise<WebBackendChoice> {
  const problem = opts.wasmPaths ? await startWasm(tf, opts.wasmPaths) : (opts.wasmProblem ?? 'binaries not loaded');
  if (problem !== undefined) return useCpu(tf, `cpu (${why}; wasm unavailable: ${problem})`);
  const bridged = registerWasmFallbacks(tf);
  registerFastWasmMatMul(tf);
  registerWasmRowCopyKernels(tf);
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const missing = unbridgedWasmKernels(tf).length;
  const detail = `wasm (${why}; ${simd ? 'SIMD' : 'no SIMD'}, 1 thread; CPU fallbacks for ${bridged.length} kernels` +
    (missing > 0 ? `; ${missing} complex64 kernels unavailable` : '') + ')';
  return { backend: 'wasm', detail };
}

/** Undefined when WASM is the active backend, otherwise why not. */
async function startWasm(tf: Tf, paths: WasmPaths): Promise<string | undefined> {
  if (typeof WebAssembly !== 'object') return 'no WebAssembly';
  try {
    setWasmPaths(paths);
  } catch (err) {
    // setWasmPaths throws once WASM was initialised (a second choice in the same worker): paths are already set.
    if (!/already initialized/i.test(String((err as Error)?.message))) return String((err as Error)?.message ?? err);
  }
  return trySetBackend(tf, 'wasm');
}

async function trySetBackend(tf: Tf, name: string): Promise<string | undefined> {
  try {
    if (await tf.setBackend(name)) return undefined;
    return `${name} failed to initialise`;
  } catch (err) {
    return String((err as Error)?.message ?? err);
  }
}

async function useCpu(tf: Tf, detail: string): Promise<WebBackendChoice> {
  getQuietCpuBackend(tf);
  await tf.setBackend('cpu');
  return { backend: tf.getBackend(), detail };
}
