import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { decodeMnist } from '../../runtime/data/mnistFormat';

/** The digits nnbook ships, written by `npm run build` (scripts/build-mnist.js). */
export const MNIST_FILE = path.resolve(__dirname, '../../out/data/mnist.bin.gz');

export interface PeerData {
  dir: string;
  /** N×784 uint8 pixels, row-major */
  x: string;
  /** N uint8 labels */
  y: string;
  count: number;
}

/**
 * Exports the shipped digits to the peers' format (`X.u8` N×784, `Y.u8` N) in a new temp
 * dir: the same 10,000 images and labels, in the file's order, that the nnbook cells train on.
 *
 * @example
 * const d = exportPeerData(); // { dir: '/tmp/nnbook-bench-…', x: '…/X.u8', y: '…/Y.u8', count: 10000 }
 * removePeerData(d);
 */
export function exportPeerData(file: string = MNIST_FILE): PeerData {
  const digits = decodeMnist(new Uint8Array(zlib.gunzipSync(fs.readFileSync(file))));
  if (digits.rows * digits.cols !== 784) throw new Error(`bench: expected 28×28 digits, got ${digits.rows}×${digits.cols}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-bench-'));
  const x = path.join(dir, 'X.u8'), y = path.join(dir, 'Y.u8');
  fs.writeFileSync(x, digits.pixels);
  fs.writeFileSync(y, digits.labels);
  return { dir, x, y, count: digits.count };
}

export function removePeerData(d: PeerData): void {
  fs.rmSync(d.dir, { recursive: true, force: true });
}
