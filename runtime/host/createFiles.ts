import type * as tfjs from '@tensorflow/tfjs';
import type { HostClient } from './HostClient';

export type CsvConfig = NonNullable<Parameters<typeof tfjs.data.csv>[1]>;

/** `nn.files`: files of the notebook's workspace folder, read and written through the host. */
export interface NnFiles {
  /**
   * A file's text (UTF-8). Paths are relative to the workspace folder; anything outside
   * it is refused.
   *
   * @example
   * const text = await nn.files.read('data/traffic.csv');
   */
  read(path: string): Promise<string>;
  /** A file's bytes. @example const png = await nn.files.readBytes('img/digit.png'); */
  readBytes(path: string): Promise<Uint8Array>;
  /**
   * Writes text (as UTF-8) or bytes, atomically, creating folders as needed.
   *
   * @example
   * await nn.files.write('out/losses.json', JSON.stringify(losses));
   */
  write(path: string, data: string | Uint8Array | ArrayBuffer | ArrayBufferView): Promise<void>;
  /**
   * A workspace CSV file as a `tf.data.CSVDataset` (the file is read once, then streamed
   * from memory), with tf.data.csv's options.
   *
   * @example
   * const ds = await nn.files.csv('data/traffic.csv', { columnConfigs: { cars: { isLabel: true } } });
   * await ds.take(3).forEachAsync((row) => console.log(row));
   */
  csv(path: string, config?: CsvConfig): Promise<tfjs.data.CSVDataset>;
}

/**
 * Makes `nn.files` over a kernel's HostClient. Errors name the call and say why, e.g.
 * "nn.files.read: '../x' is outside the workspace folder /home/me/course".
 *
 * @example
 * const files = createFiles(tf, new HostClient(post));
 */
export function createFiles(tf: typeof tfjs, host: HostClient): NnFiles {
  const call = async <T>(name: string, path: unknown, run: (path: string) => Promise<T>): Promise<T> => {
    if (typeof path !== 'string' || path.length === 0) {
      throw new TypeError(`nn.files.${name}: expected a path relative to the workspace folder, like 'data/traffic.csv', got ${describe(path)}`);
    }
    try {
      return await run(path);
    } catch (err) {
      throw new Error(`nn.files.${name}: ${(err as Error).message ?? err}`);
    }
  };
  const readBytes = async (path: string) => (await host.request('readFile', path)) ?? new Uint8Array(0);
  return {
    read: (path) => call('read', path, async (p) => {
      const bytes = await readBytes(p);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new Error(`'${p}' is not UTF-8 text; nn.files.readBytes gives its bytes`);
      }
    }),
    readBytes: (path) => call('readBytes', path, readBytes),
    write: (path, data) => call('write', path, async (p) => { await host.request('writeFile', p, toBytes(data)); }),
    csv: (path, config = {}) => call('csv', path, async (p) => {
      const bytes = await readBytes(p);
      // tf.data.csv takes a URL; a FileDataSource over the bytes works the same in Node and in a Worker.
      return new tf.data.CSVDataset(new tf.data.FileDataSource(bytes), config);
    }),
  };
}

/** The bytes to send, in a buffer of their own: a transport may copy a view's whole underlying buffer, or drop its offset. */
function toBytes(data: unknown): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) {
    const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    return view.byteOffset === 0 && view.byteLength === view.buffer.byteLength ? view : view.slice();
  }
  throw new TypeError(`expected a string or bytes (Uint8Array, ArrayBuffer), got ${describe(data)}; JSON.stringify an object first`);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return v.length === 0 ? 'an empty string' : `'${v}'`;
  return typeof v === 'object' ? Object.prototype.toString.call(v) : typeof v;
}

/** `nn.files` where no host serves files (a kernel made without one, e.g. in unit tests): every call says so. */
export function unavailableFiles(): NnFiles {
  const no = (name: string) => () => Promise.reject(new Error(`nn.files.${name}: this kernel has no host to read or write files through`));
  return { read: no('read'), readBytes: no('readBytes'), write: no('write'), csv: no('csv') };
}
