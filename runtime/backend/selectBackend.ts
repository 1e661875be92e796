import { registerWasmRowCopyKernels } from '../fast/wasmRowCopyKernels';
import * as fs from 'fs';
import * as path from 'path';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dropEmscriptenProcessHandlers, snapshotProcessHandlers } from './dropEmscriptenProcessHandlers';
import { getQuietCpuBackend } from './quietCpuBackend';
import { registerFastWasmMatMul } from './registerFastWasmMatMul';
import { registerWasmFallbacks, unbridgedWasmKernels } from './registerWasmFallbacks';
import type { Tf } from './tfTypes';

/** Which backend to try: 'auto' and 'wasm' both try WASM first and fall back to CPU. */
export type BackendPreference = 'auto' | 'wasm' | 'cpu';

export interface SelectBackendOptions {
  /**
   * Folder holding the tfjs-backend-wasm `.wasm` binaries. Default: `<dir of this
   * code>/wasm` when it exists (the bundle: out/kernel-node.js + out/wasm/), otherwise
   * tfjs's own lookup (works unbundled, from node_modules).
   */
  wasmDir?: string;
  prefer: BackendPreference;
  /** On WASM, also apply registerFastWasmMatMul (same results, ~2× faster MLP training). Default true. */
  fastMatMul?: boolean;
}

export interface BackendChoice {
  /** The active tfjs backend: 'wasm' or 'cpu'. */
  backend: string;
  /**
   * One line for people, e.g. "wasm (SIMD, 1 thread); CPU fallbacks for 10 kernels;
   * 6 complex64 kernels unavailable" or "cpu (wasm unavailable: <reason>)".
   */
  detail: string;
}

/**
 * Makes WASM (or, failing that, CPU) the active tfjs backend, in Node.
 *
 * On WASM it registers the CPU fallback kernels (registerWasmFallbacks), the faster
 * transposed matMul (registerFastWasmMatMul, unless `fastMatMul: false`) and removes the
 * crash-on-any-error process handlers the WASM glue installs (dropEmscriptenProcessHandlers).
 * SIMD and thread count are what tfjs-backend-wasm itself chose: its SIMD feature flag
 * picks the binary, and in Node it never uses threads (its multithread flag is false
 * whenever IS_NODE; its matMul passes no thread pool to XNNPACK anyway). Never throws
 * for an unusable WASM; the reason goes into `detail`.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs';
 * const { backend, detail } = await selectBackend(tf, { prefer: 'auto', wasmDir: path.join(__dirname, 'wasm') });
 * // backend === 'wasm',
 * // detail === 'wasm (SIMD, 1 thread); CPU fallbacks for 10 kernels; 6 complex64 kernels unavailable'
 */
export async function selectBackend(tf: Tf, opts: SelectBackendOptions): Promise<BackendChoice> {
  if (opts.prefer === 'cpu') return useCpu(tf, 'cpu (requested)');
  const asked = opts.prefer === 'wasm' ? 'wasm requested but ' : 'wasm ';

  const wasmDir = opts.wasmDir ?? bundledWasmDir();
  const problem = await wasmProblem(tf, wasmDir);
  if (problem != null) return useCpu(tf, `cpu (${asked}unavailable: ${problem})`);

  const before = snapshotProcessHandlers();
  let started: boolean;
  try {
    started = await tf.setBackend('wasm');
  } catch {
    started = false;
  } finally {
    dropEmscriptenProcessHandlers(before);
  }
  if (!started) return useCpu(tf, `cpu (${asked}failed to initialise)`);

  const bridged = registerWasmFallbacks(tf);
  if (opts.fastMatMul !== false) registerFastWasmMatMul(tf);
  // tfjs-wasm's Slice/GatherV2 copy the whole input: model.fit's batches cost more than training on them.
  registerWasmRowCopyKernels(tf);
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = Math.max(1, getThreadsCount());
  const missing = unbridgedWasmKernels(tf).length;
  const detail =
    `wasm (${simd ? 'SIMD' : 'no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'}); ` +
    `CPU fallbacks for ${bridged.length} kernels` +
    (missing > 0 ? `; ${missing} complex64 kernels unavailable` : '');
  return { backend: 'wasm', detail };
}

async function useCpu(tf: Tf, detail: string): Promise<BackendChoice> {
  getQuietCpuBackend(tf); // before first use, so the Node.js banner never prints
  await tf.setBackend('cpu');
  return { backend: tf.getBackend(), detail };
}

/** out/wasm/ beside the bundle, if present. */
function bundledWasmDir(): string | undefined {
  const dir = path.join(__dirname, 'wasm');
  return fs.existsSync(dir) ? dir : undefined;
}

/**
 * Why WASM cannot start here, or undefined if it should. Checked up front so the common
 * failures (no WebAssembly, binary not where expected) give a reason and not tfjs's
 * console warnings plus Emscripten's abort text.
 */
async function wasmProblem(tf: Tf, wasmDir: string | undefined): Promise<string | undefined> {
  if (typeof WebAssembly !== 'object') return 'no WebAssembly in this runtime';
  if (tf.findBackendFactory('wasm') == null) return 'tfjs-backend-wasm is not registered';
  if (wasmDir == null) return undefined;
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  // Same choice tfjs-backend-wasm makes in Node (threads are never used there).
  const binary = simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
  if (!fs.existsSync(path.join(wasmDir, binary))) return `${binary} not found in ${wasmDir}`;
  try {
    // tfjs joins prefix and file name without a separator.
    setWasmPaths(wasmDir.endsWith(path.sep) || wasmDir.endsWith('/') ? wasmDir : wasmDir + path.sep);
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  return undefined;
}
