import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { MnistLoader } from './mnist';

/**
 * The node kernel's digits: out/data/mnist.bin.gz beside the kernel bundle
 * (out/kernel-node.js), written at build time by scripts/build-mnist.js.
 *
 * @example
 * const load = nodeMnistLoader();            // default: path.join(__dirname, 'data', 'mnist.bin.gz')
 * const bytes = await load();                // the uncompressed file
 */
export function nodeMnistLoader(file: string = path.join(__dirname, 'data', 'mnist.bin.gz')): MnistLoader {
  return async () => {
    let gz: Buffer;
    try { gz = await fs.promises.readFile(file); } catch (e) {
      throw new Error(`nn.data.mnist: ${file} is missing — build it with "node scripts/build-mnist.js" (${(e as Error).message})`);
    }
    return new Uint8Array(zlib.gunzipSync(gz));
  };
}
