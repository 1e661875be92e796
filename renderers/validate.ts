/**
 * Small checks for payload JSON. Every payload is validated before anything is drawn;
 * a failed check throws a PayloadError naming the field, which the entry shows in the
 * error box.
 *
 * @example
 * const p = obj(json, 'payload'); version1(p); const xs = numArray(p.x, 'x');
 */
export class PayloadError extends Error {
  override name = 'PayloadError';
}

const fail = (path: string, want: string, got: unknown): never => {
  const kind = got === null ? 'null' : Array.isArray(got) ? 'an array' : typeof got;
  throw new PayloadError(`${path}: expected ${want}, got ${kind}`);
};

export function obj(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'an object', v);
  return v as Record<string, unknown>;
}

export function version1(p: Record<string, unknown>): void {
  if (p.version === undefined) throw new PayloadError('version: missing (every nnbook payload has version: 1)');
  if (p.version !== 1) throw new PayloadError(`version: ${JSON.stringify(p.version)} is not supported by this nnbook (it draws version 1)`);
}

export function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || Number.isNaN(v)) fail(path, 'a number', v);
  return v as number;
}

export function int(v: unknown, path: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = num(v, path);
  if (!Number.isInteger(n) || n < min || n > max) throw new PayloadError(`${path}: expected an integer in [${min}, ${max}], got ${n}`);
  return n;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== 'string') fail(path, 'a string', v);
  return v as string;
}

export function optStr(v: unknown, path: string): string | undefined {
  return v === undefined ? undefined : str(v, path);
}

export function arr(v: unknown, path: string, maxLength = 10_000_000): unknown[] {
  if (!Array.isArray(v)) fail(path, 'an array', v);
  if ((v as unknown[]).length > maxLength) throw new PayloadError(`${path}: ${(v as unknown[]).length} items, at most ${maxLength} drawn`);
  return v as unknown[];
}

/** An array of numbers; null is allowed (a gap) when `nullable`. */
export function numArray(v: unknown, path: string, nullable = false): (number | null)[] {
  const a = arr(v, path);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === 'number' && Number.isFinite(x)) continue;
    if (nullable && x === null) continue;
    fail(`${path}[${i}]`, nullable ? 'a finite number or null' : 'a finite number', x);
  }
  return a as (number | null)[];
}

export function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !allowed.includes(v as T)) throw new PayloadError(`${path}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}
