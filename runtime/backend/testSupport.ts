// Shared by this folder's *.test.ts files only (never imported by the runtime).
import * as assert from 'node:assert/strict';
import * as path from 'path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { getQuietCpuBackend } from './quietCpuBackend';
import type { Tf } from './tfTypes';

/** Where the .wasm binaries sit unbundled (the bundle copies them to out/wasm/). */
export const WASM_DIST_DIR = path.join(__dirname, '../../node_modules/@tensorflow/tfjs-backend-wasm/dist');

/** Live tensors seen by the engine, and raw buffers held by each backend. */
export function tensorCounts(tf: Tf): { tensors: number; cpuBuffers: number; wasmBuffers: number } {
  // engine().registry, not findBackend: the latter would start a backend not yet started.
  const buffers = (name: string) => tf.engine().registry[name]?.numDataIds() ?? 0;
  return { tensors: tf.memory().numTensors, cpuBuffers: buffers('cpu'), wasmBuffers: buffers('wasm') };
}

/**
 * Asserts two arrays are equal element-wise within `tol` (absolute, plus relative to magnitude).
 *
 * @example
 * assertAllClose(a.dataSync(), b.dataSync(), 1e-4, 'conv kernel grad');
 */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (diff > tol * (1 + Math.abs(expected[i]))) {
      assert.fail(`${what}[${i}]: ${actual[i]} vs ${expected[i]} (diff ${diff})`);
    }
  }
}

/** Deterministic pseudo-random floats in [-1, 1), so both backends see identical inputs. */
export function seededFloats(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < count; i++) {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    out[i] = (state / 0x100000000) * 2 - 1;
  }
  return out;
}

/**
 * Makes 'wasm' the active backend, loading the binaries from node_modules.
 *
 * @example
 * before(() => useBackend(tf, 'wasm'));
 */
export async function useBackend(tf: Tf, name: 'wasm' | 'cpu'): Promise<void> {
  // Harmless once wasm has started; it only throws after a failed start.
  if (name === 'wasm') setWasmPaths(WASM_DIST_DIR + path.sep);
  else getQuietCpuBackend(tf); // no Node.js banner in test output
  assert.equal(await tf.setBackend(name), true, `tf.setBackend('${name}')`);
}
