/** The decoded digits file written by scripts/build-mnist.js (format described there). */
export interface MnistDigits {
  count: number;
  rows: number;
  cols: number;
  /** count labels, 0..9 */
  labels: Uint8Array;
  /** count·rows·cols pixels, 0..255, row-major */
  pixels: Uint8Array;
}

const HEADER = 12;

/**
 * Reads the uncompressed binary (views into `bytes`, no copy).
 *
 * @example
 * const digits = decodeMnist(zlib.gunzipSync(fs.readFileSync('out/data/mnist.bin.gz')));
 * digits.count; // 10000
 */
export function decodeMnist(bytes: Uint8Array): MnistDigits {
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (bytes.length < HEADER || magic !== 'MNST') throw new Error('mnist: not an nnbook digits file (bad magic)');
  if (bytes[4] !== 1) throw new Error(`mnist: unsupported digits file version ${bytes[4]}`);
  const rows = bytes[5], cols = bytes[6];
  const count = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const expected = HEADER + count + count * rows * cols;
  if (bytes.length !== expected) throw new Error(`mnist: digits file is ${bytes.length} bytes, expected ${expected} (truncated?)`);
  return {
    count, rows, cols,
    labels: bytes.subarray(HEADER, HEADER + count),
    pixels: bytes.subarray(HEADER + count, expected),
  };
}
