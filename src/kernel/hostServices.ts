import type { FromKernel, ToKernel } from './protocol';
import { WorkspaceFileError, type WorkspaceFiles } from './WorkspaceFiles';

export type HostRequest = Extract<FromKernel, { type: 'host' }>;
export type HostReply = Extract<ToKernel, { type: 'host-reply' }>;

/**
 * What a kernel's host does for its cells (`nn.files`, `nnbook://` models): one request
 * in, one reply out, never a throw — a refused path is a reply with `ok: false` and a
 * message the cell shows.
 */
export type HostServices = (msg: HostRequest) => Promise<HostReply>;

/**
 * The host services of one workspace folder; without a folder (an untitled notebook, a
 * notebook outside every workspace folder) every request is refused with `noRootReason`.
 *
 * @example
 * const serve = workspaceHostServices(new WorkspaceFiles(root));
 * kernelPort.post(await serve({ type: 'host', req: 1, op: 'readFile', path: 'data/a.csv' }));
 */
export function workspaceHostServices(files: WorkspaceFiles | undefined, noRootReason = 'this notebook is in no workspace folder; open its folder to read and write files'): HostServices {
  return async (msg) => {
    const reply = (r: { ok: true; data?: Uint8Array } | { ok: false; error: string }): HostReply => ({ type: 'host-reply', req: msg.req, ...r });
    if (!files) return reply({ ok: false, error: noRootReason });
    try {
      switch (msg.op) {
        case 'readFile': {
          const bytes = await files.read(msg.path);
          // A copy of exactly these bytes: a Buffer may be a view into a shared pool.
          return reply({ ok: true, data: new Uint8Array(bytes) });
        }
        case 'writeFile':
          await files.write(msg.path, toBytes(msg.data));
          return reply({ ok: true });
        default:
          return reply({ ok: false, error: `unknown host operation '${(msg as { op?: unknown }).op}'` });
      }
    } catch (err) {
      if (err instanceof WorkspaceFileError) return reply({ ok: false, error: err.message });
      const e = err as NodeJS.ErrnoException;
      return reply({ ok: false, error: `'${msg.path}': ${e.code ? `${e.code} (${e.message})` : e.message ?? String(err)}` });
    }
  };
}

/** The bytes of a write, however the transport delivered them (a webview may turn a Uint8Array into an ArrayBuffer). */
function toBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data === undefined) throw new WorkspaceFileError('a write needs data');
  throw new WorkspaceFileError(`a write needs bytes, got ${Object.prototype.toString.call(data)}`);
}
