import { registerWasmRowCopyKernels } from '../fast/wasmRowCopyKernels';
import * as fs from 'fs';
import * as path from 'path';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dropEmscriptenProcessHandlers, snapshotProcessHandlers } from './dropEmscriptenProcessHandlers';
import { getQuietCpuBackend } from './quietCpuBackend';
import { registerFastWasmMatMul } from './registerFastWasmMatMul';
import { registerWasmFallbacks, unbridgedWasmKernels } from './registerWasmFallbacks';
import type { Tf } from './tfTypes';
import { prepareWasmThreads } from './wasmThreadsNode';

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
  /**
   * XNNPACK threads for WASM; more than 1 starts tfjs's threaded build (wasmThreadsNode).
   * Default 1: on this project's 2-core machines 2 threads trained the MNIST MLP ×1.04
   * for 1.6× the CPU and the CNN 0.7×, so threads stay opt-in (`npx tsx
   * bench/train/threads.ts` measures it again). Only the first WASM start in a process decides.
   */
  threads?: number;
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
 * Its SIMD feature flag picks the binary; with `threads` > 1 the threaded SIMD build runs
 * (prepareWasmThreads: tfjs itself never uses threads in Node), and if a thread cannot
 * start, the single-threaded build does, with the reason in `detail`. Never throws for an
 * unusable WASM; the reason goes into `detail`.
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

  const wanted = opts.threads ?? 1;
  const { started, threadProblem } = await startWasm(tf, wanted > 1 && threadedBinaryHere(wasmDir) ? wanted : 1);
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
    (missing > 0 ? `; ${missing} complex64 kernels unavailable` : '') +
    (threadProblem ? `; threads off: ${threadProblem}` : '');
  return { backend: 'wasm', detail };
}

/**
 * `tf.setBackend('wasm')`, threaded when `threads` > 1. A thread that fails to start
 * leaves tfjs's start pending for ever, so the backend is registered afresh and the
 * single-threaded build started instead.
 */
async function startWasm(tf: Tf, threads: number): Promise<{ started: boolean; threadProblem?: string }> {
  const before = snapshotProcessHandlers();
  const threaded = threads > 1 && tf.findBackend('wasm') == null ? prepareWasmThreads(tf, threads) : undefined;
  try {
    return { started: await (threaded ? Promise.race([tf.setBackend('wasm'), threaded.failed]) : tf.setBackend('wasm')) };
  } catch (err) {
    if (threaded == null) return { started: false };
    const threadProblem = err instanceof Error ? err.message : String(err);
    const factory = tf.findBackendFactory('wasm');
    tf.removeBackend('wasm');
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    tf.registerBackend('wasm', factory, WASM_PRIORITY);
    return { started: await tf.setBackend('wasm').catch(() => false), threadProblem };
  } finally {
    threaded?.done();
    dropEmscriptenProcessHandlers(before);
  }
}

/** tfjs-backend-wasm's own registration priority. */
const WASM_PRIORITY = 2;

function threadedBinaryHere(wasmDir: string | undefined): boolean {
  return wasmDir == null || fs.existsSync(path.join(wasmDir, 'tfjs-backend-wasm-threaded-simd.wasm'));
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
  // The single-threaded binary is the one every start can fall back to.
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
