/**
 * A small, dependency-free pretty printer for cell values and console arguments.
 * It runs in both kernels (Node worker and browser Worker), so it cannot use
 * `util.inspect`. Tensors and models are recognised by shape, not by `instanceof`,
 * so this module needs no tfjs import.
 *
 * @example
 * inspect({ a: [1, 2], b: 'x' }) // → "{ a: [ 1, 2 ], b: 'x' }"
 */
export interface InspectOptions {
  depth?: number;
  maxArrayLength?: number;
  maxStringLength?: number;
  /** Width after which an object is broken over several lines. */
  breakLength?: number;
}

const DEFAULTS: Required<InspectOptions> = { depth: 3, maxArrayLength: 100, maxStringLength: 10_000, breakLength: 80 };

/** True for a tf.Tensor (or Variable), duck-typed. */
export function isTensorLike(v: unknown): v is { shape: number[]; dtype: string; size: number; isDisposed: boolean; rank: number } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { shape?: unknown }).shape) &&
    typeof (v as { dtype?: unknown }).dtype === 'string' && typeof (v as { dataSync?: unknown }).dataSync === 'function';
}

/** True for a tf.LayersModel, duck-typed. */
export function isLayersModelLike(v: unknown): v is { name: string; layers: unknown[]; countParams(): number } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { layers?: unknown }).layers) &&
    typeof (v as { countParams?: unknown }).countParams === 'function';
}

export function tensorLabel(t: { shape: number[]; dtype: string; isDisposed: boolean }): string {
  return `Tensor<${t.dtype} [${t.shape.join(',')}]${t.isDisposed ? ' disposed' : ''}>`;
}

export function inspect(value: unknown, options: InspectOptions = {}): string {
  const o = { ...DEFAULTS, ...options };
  const seen = new Set<object>();

  const quote = (s: string) => {
    const cut = s.length > o.maxStringLength ? s.slice(0, o.maxStringLength) + `… (${s.length - o.maxStringLength} more chars)` : s;
    return `'${cut.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  };
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k));

  const join = (open: string, parts: string[], close: string, indent: string) => {
    if (parts.length === 0) return `${open}${close}`;
    const flat = `${open} ${parts.join(', ')} ${close}`;
    if (flat.length <= o.breakLength && !flat.includes('\n')) return flat;
    const inner = indent + '  ';
    return `${open}\n${parts.map((p) => inner + p.replace(/\n/g, '\n' + inner)).join(',\n')}\n${indent}${close}`;
  };

  const fmt = (v: unknown, depth: number): string => {
    switch (typeof v) {
      case 'string': return depth === 0 ? quote(v) : quote(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return `${v}n`;
      case 'boolean': case 'undefined': return String(v);
      case 'symbol': return v.toString();
      case 'function': {
        const name = (v as { name?: string }).name;
        const isClass = /^class[\s{]/.test(Function.prototype.toString.call(v));
        return isClass ? `[class ${name || '(anonymous)'}]` : `[Function: ${name || '(anonymous)'}]`;
      }
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (isTensorLike(obj)) return tensorLabel(obj);
    if (isLayersModelLike(obj)) return `LayersModel<${obj.name}, ${obj.layers.length} layers>`;
    if (seen.has(obj)) return '[Circular]';
    if (obj instanceof Date) return isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
    if (obj instanceof RegExp) return String(obj);
    if (obj instanceof Error) return obj.stack && depth === 0 ? obj.stack : `[${obj.name}: ${obj.message}]`;
    if (obj instanceof Promise) return 'Promise { … }';
    if (depth > o.depth) return Array.isArray(obj) ? '[Array]' : '[Object]';
    seen.add(obj);
    try {
      if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
        const arr = obj as unknown as ArrayLike<number>;
        const n = Math.min(arr.length, o.maxArrayLength);
        const parts = Array.from({ length: n }, (_, i) => fmt(arr[i], depth + 1));
        if (arr.length > n) parts.push(`… ${arr.length - n} more items`);
        return `${obj.constructor.name}(${arr.length}) ` + join('[', parts, ']', '');
      }
      if (Array.isArray(obj)) {
        const n = Math.min(obj.length, o.maxArrayLength);
        const parts: string[] = [];
        for (let i = 0; i < n; i++) parts.push(i in obj ? fmt(obj[i], depth + 1) : '<empty>');
        if (obj.length > n) parts.push(`… ${obj.length - n} more items`);
        return join('[', parts, ']', '');
      }
      if (obj instanceof Map) {
        const parts = [...obj].slice(0, o.maxArrayLength).map(([k, val]) => `${fmt(k, depth + 1)} => ${fmt(val, depth + 1)}`);
        return `Map(${obj.size}) ` + join('{', parts, '}', '');
      }
      if (obj instanceof Set) {
        const parts = [...obj].slice(0, o.maxArrayLength).map((val) => fmt(val, depth + 1));
        return `Set(${obj.size}) ` + join('{', parts, '}', '');
      }
      const ctor = (obj as { constructor?: { name?: string } }).constructor;
      const prefix = ctor && ctor !== Object && ctor.name ? `${ctor.name} ` : Object.getPrototypeOf(obj) === null ? '[Object: null prototype] ' : '';
      const keys = Object.keys(obj);
      const parts = keys.slice(0, o.maxArrayLength).map((k) => `${key(k)}: ${fmt((obj as Record<string, unknown>)[k], depth + 1)}`);
      if (keys.length > o.maxArrayLength) parts.push(`… ${keys.length - o.maxArrayLength} more keys`);
      return prefix + join('{', parts, '}', '');
    } finally {
      seen.delete(obj);
    }
  };
  return fmt(value, 0);
}

/**
 * Formats console arguments the way Node and browsers do: strings as they are,
 * everything else inspected; `%s %d %i %f %o %O %j %%` in a leading string.
 */
export function formatArgs(args: unknown[]): string {
  if (args.length === 0) return '';
  let rest = args;
  let head = '';
  if (typeof args[0] === 'string' && args[0].includes('%')) {
    let i = 1;
    head = args[0].replace(/%[sdifoOjc%]/g, (m) => {
      if (m === '%%') return '%';
      if (i >= args.length) return m;
      const a = args[i++];
      switch (m) {
        case '%s': return typeof a === 'string' ? a : inspect(a, { depth: 1 });
        case '%d': case '%i': return String(m === '%i' ? Math.trunc(Number(a)) : Number(a));
        case '%f': return String(Number(a));
        case '%j': try { return JSON.stringify(a); } catch { return '[Circular]'; }
        case '%c': return '';
        default: return inspect(a);
      }
    });
    rest = args.slice(i);
    return [head, ...rest.map((a) => (typeof a === 'string' ? a : inspect(a)))].join(' ');
  }
  return rest.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
}
