import * as fs from 'fs/promises';
import * as path from 'path';

/** The largest file `nn.files` reads or writes: a cell's data set, a saved model; not a disk image. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** A refused or failed file request; its message is shown in the cell, after the caller's name. */
export class WorkspaceFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceFileError';
  }
}

export interface WorkspaceFilesOptions {
  /** Defaults to MAX_FILE_BYTES. */
  maxBytes?: number;
}

/**
 * The host's side of `nn.files` and `nnbook://` models: reads and writes files inside one
 * workspace folder and nowhere else. A path is resolved against the root; `..`, absolute
 * paths elsewhere and symbolic links that lead outside (checked on the real path) are
 * refused. Writes go to a temp file beside the target, then a rename, so a reader never
 * sees half a file.
 *
 * @example
 * const files = new WorkspaceFiles('/home/me/course');
 * await files.write('models/xor/model.json', bytes);
 * const csv = await files.read('data/traffic.csv');
 */
export class WorkspaceFiles {
  private readonly maxBytes: number;

  constructor(readonly root: string, options: WorkspaceFilesOptions = {}) {
    if (!path.isAbsolute(root)) throw new Error(`WorkspaceFiles: the root must be an absolute path, got '${root}'`);
    this.root = path.resolve(root);
    this.maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  }

  async read(request: string): Promise<Uint8Array> {
    const target = await this.resolveExisting(request);
    const stat = await fs.stat(target);
    if (stat.isDirectory()) throw new WorkspaceFileError(`'${request}' is a folder, not a file`);
    if (stat.size > this.maxBytes) throw new WorkspaceFileError(`'${request}' is ${mb(stat.size)}; files of at most ${mb(this.maxBytes)} can be read`);
    return fs.readFile(target);
  }

  async write(request: string, data: Uint8Array): Promise<void> {
    if (data.byteLength > this.maxBytes) throw new WorkspaceFileError(`'${request}': ${mb(data.byteLength)} is too much; files of at most ${mb(this.maxBytes)} can be written`);
    const target = await this.resolveForWrite(request);
    const existing = await fs.stat(target).catch(() => undefined);
    if (existing?.isDirectory()) throw new WorkspaceFileError(`'${request}' is a folder, not a file`);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await writeAtomic(target, data);
  }

  /** The absolute path `request` names, before links are followed; refuses one outside the root. */
  private lexical(request: string): string {
    if (typeof request !== 'string' || request.length === 0) throw new WorkspaceFileError('a path must be a non-empty string');
    if (request.includes('\0')) throw new WorkspaceFileError(`'${request.replace(/\0/g, '\\0')}' contains a NUL character`);
    const abs = path.resolve(this.root, request);
    if (!inside(this.root, abs)) throw this.outside(request);
    return abs;
  }

  private async realRoot(): Promise<string> {
    try {
      return await fs.realpath(this.root);
    } catch {
      throw new WorkspaceFileError(`the workspace folder ${this.root} does not exist`);
    }
  }

  /** The real path of an existing file, which must lie inside the root's real path. */
  private async resolveExisting(request: string): Promise<string> {
    const abs = this.lexical(request);
    const root = await this.realRoot();
    let real: string;
    try {
      real = await fs.realpath(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        // A dangling link is not "missing": say where it points.
        const link = await fs.readlink(abs).catch(() => undefined);
        if (link !== undefined) throw new WorkspaceFileError(`'${request}' is a symbolic link to '${link}', which does not exist`);
        throw new WorkspaceFileError(`'${request}' does not exist (looked for ${abs})`);
      }
      throw new WorkspaceFileError(`'${request}': ${code ?? (err as Error).message}`);
    }
    if (!inside(root, real)) throw this.outside(request, real);
    return real;
  }

  /**
   * Where a write to `request` lands: the real path of its nearest existing ancestor (or
   * itself, following a link) joined with the rest — refused when that leaves the root.
   */
  private async resolveForWrite(request: string): Promise<string> {
    const abs = this.lexical(request);
    const root = await this.realRoot();
    let existing = abs;
    const rest: string[] = [];
    for (;;) {
      const lstat = await fs.lstat(existing).catch(() => undefined);
      if (lstat) break;
      rest.unshift(path.basename(existing));
      const parent = path.dirname(existing);
      if (parent === existing) break;
      existing = parent;
    }
    let real: string;
    try {
      real = await fs.realpath(existing);
    } catch {
      const link = await fs.readlink(existing).catch(() => '?');
      throw new WorkspaceFileError(`'${request}' goes through a symbolic link to '${link}', which does not exist`);
    }
    const target = path.join(real, ...rest);
    if (!inside(root, target)) throw this.outside(request, target);
    return target;
  }

  private outside(request: string, real?: string): WorkspaceFileError {
    const via = real ? ` (it leads to ${real})` : '';
    return new WorkspaceFileError(`'${request}' is outside the workspace folder ${this.root}${via}; nn.files reads and writes only inside it`);
  }
}

/** Whether `p` is `root` or below it (both absolute and normalised). */
function inside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..' + path.sep) && rel !== '..' && !path.isAbsolute(rel));
}

/** A temp file in the same folder (same file system: the rename is atomic), flushed, then renamed over the target. */
async function writeAtomic(target: string, data: Uint8Array): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.tmp`);
  const handle = await fs.open(tmp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.rm(tmp, { force: true });
    throw err;
  }
  await handle.close();
  try {
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}
