/**
 * The fast path's own WebAssembly SIMD kernels, assembled here (about 400 bytes; no
 * toolchain in the build). All take byte offsets into the one memory they import.
 *
 *   adam(w, g, m, v, groups, b1, b2, k1, k2, step, root, eps)  Adam over `groups` × 4 floats
 *   xw(out, x, m, k, w, n)   out[m×n] = x[m×k] · w[k×n], skipping x's zeros
 *   xtd(out, x, m, k, d, n)  out[k×n] = xᵀ · d[m×n], skipping x's zeros
 *
 * xw and xtd are the first Dense layer's two products when its input is mostly zeros
 * (MNIST's pixels: 81%): one 4-wide multiply-add of a weight row per non-zero input,
 * no packing, no transposes, no copies; n must be a multiple of 4.
 */

const uleb = (n: number): number[] => { const o: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; o.push(b); } while (n); return o; };
const sleb = (n: number): number[] => {
  const o: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) { o.push(b); return o; }
    o.push(b | 0x80);
  }
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => vec([...s].map((c) => [c.charCodeAt(0)]));
const [I32, F32, V128] = [0x7f, 0x7d, 0x7b];
const get = (i: number) => [0x20, ...uleb(i)], set = (i: number) => [0x21, ...uleb(i)], tee = (i: number) => [0x22, ...uleb(i)];
const i32 = (v: number) => [0x41, ...sleb(v)];
const simd = (op: number) => [0xfd, ...uleb(op)];
const LOAD = [...simd(0), 4, 0], STORE = [...simd(11), 4, 0]; // v128, 16-byte aligned
const [SPLAT, SQRT, ADD, MUL, DIV] = [simd(19), simd(227), simd(228), simd(230), simd(231)];
const [ADDI, MULI, SHL, GEU] = [[0x6a], [0x6c], [0x74], [0x4f]];
const F32_LOAD = [0x2a, 2, 0];
const F32_NONZERO = [0x43, 0, 0, 0, 0, 0x5c]; // f32.const 0, f32.ne
const CALL = (f: number) => [0x10, ...uleb(f)];
const IF = (body: number[]) => [0x04, 0x40, ...body, 0x0b];
/** block { loop { if (exit) break; body; continue } } */
const LOOP = (exit: number[], body: number[]) => [0x02, 0x40, 0x03, 0x40, ...exit, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];
const ZERO = (dst: number[], bytes: number[]) => [...dst, ...i32(0), ...bytes, 0xfc, 11, 0]; // memory.fill
const locals = (...groups: [number, number][]) => vec(groups.map(([n, t]) => [n, t]));
const fn = (body: number[]) => [...uleb(body.length + 1), ...body, 0x0b];

/** func 0: axpy(dst, s: v128, src, bytes): dst[j] += s · src[j], 4 floats at a time */
function axpy(): number[] {
  const [D, S, SRC, BYTES, J] = [0, 1, 2, 3, 4];
  return [
    ...locals([1, I32]), ...i32(0), ...set(J),
    ...LOOP([...get(J), ...get(BYTES), ...GEU], [
      ...get(D), ...get(J), ...ADDI, ...get(D), ...get(J), ...ADDI, ...LOAD, ...get(S), ...get(SRC), ...get(J), ...ADDI, ...LOAD, ...MUL, ...ADD, ...STORE,
      ...get(J), ...i32(16), ...ADDI, ...set(J),
    ]),
  ];
}

/**
 * func 1 (transposed = false): xw; func 2 (true): xtd. For each non-zero x[r][i]:
 * xw adds x[r][i] · w[i] to out[r]; xtd adds x[r][i] · d[r] to out[i].
 */
function sparseProduct(transposed: boolean): number[] {
  const [OUT, X, M, K, B, N, R, I, V, ROW, NB] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const rowOf = (base: number, index: number) => [...get(base), ...get(index), ...get(NB), ...MULI, ...ADDI];
  const nonZero = [...get(X), ...get(R), ...get(K), ...MULI, ...get(I), ...ADDI, ...i32(2), ...SHL, ...ADDI, ...F32_LOAD, ...tee(V), ...F32_NONZERO];
  const add = transposed
    ? [...rowOf(OUT, I), ...get(V), ...SPLAT, ...get(ROW), ...get(NB), ...CALL(0)] // out[i] += v · d[r]
    : [...get(ROW), ...get(V), ...SPLAT, ...rowOf(B, I), ...get(NB), ...CALL(0)]; // out[r] += v · w[i]
  return [
    ...locals([2, I32], [1, F32], [2, I32]),
    ...get(N), ...i32(2), ...SHL, ...set(NB),
    ...(transposed ? ZERO(get(OUT), [...get(K), ...get(NB), ...MULI]) : []),
    ...i32(0), ...set(R),
    ...LOOP([...get(R), ...get(M), ...GEU], [
      ...(transposed ? [...rowOf(B, R), ...set(ROW)] : [...rowOf(OUT, R), ...set(ROW), ...ZERO(get(ROW), get(NB))]),
      ...i32(0), ...set(I),
      ...LOOP([...get(I), ...get(K), ...GEU], [...nonZero, ...IF(add), ...get(I), ...i32(1), ...ADDI, ...set(I)]),
      ...get(R), ...i32(1), ...ADDI, ...set(R),
    ]),
  ];
}

/** func 3: adam(w, g, m, v, groups, b1, b2, k1, k2, step, root, eps), 4 lanes at a time */
function adam(): number[] {
  const [W, G, M, V, GROUPS] = [0, 1, 2, 3, 4];
  const [I, END] = [12, 13];
  const [B1, B2, K1, K2, STEP, ROOT, EPS, GV, A, B] = [14, 15, 16, 17, 18, 19, 20, 21, 22, 23];
  const at = (base: number) => [...get(base), ...get(I), ...ADDI];
  return [
    ...locals([2, I32], [10, V128]),
    ...[5, 6, 7, 8, 9, 10, 11].flatMap((p, j) => [...get(p), ...SPLAT, ...set(B1 + j)]),
    ...get(GROUPS), ...i32(4), ...SHL, ...set(END),
    ...i32(0), ...set(I),
    ...LOOP([...get(I), ...get(END), ...GEU], [
      ...at(G), ...LOAD, ...set(GV),
      ...at(M), ...at(M), ...LOAD, ...get(B1), ...MUL, ...get(GV), ...get(K1), ...MUL, ...ADD, ...tee(A), ...STORE,
      ...at(V), ...at(V), ...LOAD, ...get(B2), ...MUL, ...get(GV), ...get(GV), ...MUL, ...get(K2), ...MUL, ...ADD, ...tee(B), ...STORE,
      ...at(W), ...at(W), ...LOAD, ...get(STEP), ...get(A), ...MUL, ...get(B), ...SQRT, ...get(ROOT), ...MUL, ...get(EPS), ...ADD, ...DIV, ...ADD, ...STORE,
      ...get(I), ...i32(16), ...ADDI, ...set(I),
    ]),
  ];
}

/** The module's bytes (exports xw, xtd, adam; imports env.memory). */
export function wasmStepModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = (...types: number[]) => vec(types.map((t) => [t]));
  const types = [
    [0x60, ...params(I32, V128, I32, I32), ...vec([])], // axpy
    [0x60, ...params(I32, I32, I32, I32, I32, I32), ...vec([])], // xw, xtd
    [0x60, ...params(I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32), ...vec([])], // adam
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0], [1], [1], [2]])),
    ...section(7, vec([[...name('xw'), 0x00, 1], [...name('xtd'), 0x00, 2], [...name('adam'), 0x00, 3]])),
    ...section(10, vec([fn(axpy()), fn(sparseProduct(false)), fn(sparseProduct(true)), fn(adam())])),
  ]);
}

/** The exports, called with byte offsets. */
export interface WasmStepKernels {
  xw(out: number, x: number, m: number, k: number, w: number, n: number): void;
  xtd(out: number, x: number, m: number, k: number, d: number, n: number): void;
  adam(w: number, g: number, m: number, v: number, groups: number, b1: number, b2: number, k1: number, k2: number, step: number, root: number, eps: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where WebAssembly (or its SIMD) is missing. */
export function wasmStepModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  const bytes = wasmStepModuleBytes();
  compiled = typeof WebAssembly === 'object' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  return compiled;
}
