/**
 * The fast path's own WebAssembly SIMD kernels, assembled here (under 1 kB; no
 * toolchain in the build). All take byte offsets into the one memory they import.
 *
 *   adam(w, g, m, v, groups, b1, b2, k1, k2, step, root, eps)  Adam over `groups` × 4 floats
 *   rows(x, m, k, idx, val, starts, order, ordered)  the non-zeros of m rows of x, row by row
 *   xw(out, m, k, n, w, idx, val, starts, bias, _, flags)  out[m×n] = x · w[k×n] (+ bias, relu)
 *   xtd(out, m, k, n, d, idx, val, starts, h, db, flags)   out[k×n] = xᵀ · d[m×n] (after relu′, with Σ d)
 *
 * xw and xtd are the first Dense layer's two products when its input is mostly zeros
 * (MNIST's pixels: 81%): one SIMD multiply-add of a weight row per non-zero input, no
 * packing, no transposes, no copies; n must be a multiple of 4. rows runs once a batch
 * for both.
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
const LOAD_AT = (offset: number) => [...simd(0), 4, ...uleb(offset)], STORE_AT = (offset: number) => [...simd(11), 4, ...uleb(offset)]; // v128, 16-byte aligned
const LOAD = LOAD_AT(0), STORE = STORE_AT(0);
const [SPLAT, SQRT, ADD, MUL, DIV, ANY_TRUE, F32X4_GT, V128_AND] = [simd(19), simd(227), simd(228), simd(230), simd(231), simd(83), simd(68), simd(78)];
const [ADDI, MULI, SHL, GEU, AND] = [[0x6a], [0x6c], [0x74], [0x4f], [0x71]];
const F32_LOAD_AT = (offset: number) => [0x2a, 2, ...uleb(offset)], F32_STORE = [0x38, 2, 0];
const I32_LOAD_AT = (offset: number) => [0x28, 2, ...uleb(offset)], I32_LOAD = I32_LOAD_AT(0), I32_STORE = [0x36, 2, 0];
const F32_NONZERO = [0x43, 0, 0, 0, 0, 0x5c]; // f32.const 0, f32.ne
const IF = (body: number[]) => [0x04, 0x40, ...body, 0x0b];
const IF_ELSE = (cond: number[], then: number[], otherwise: number[]) => [...cond, 0x04, 0x40, ...then, 0x05, ...otherwise, 0x0b];
const FLAG = (flags: number, bit: number) => [...get(flags), ...i32(bit), 0x71]; // flags & bit
const IF_FLAG = (flags: number, bit: number, body: number[]) => [...FLAG(flags, bit), ...IF(body)];
const COPY = [0xfc, 10, 0, 0]; // memory.copy dst src len
/** block { loop { if (exit) break; body; continue } } */
const LOOP = (exit: number[], body: number[]) => [0x02, 0x40, 0x03, 0x40, ...exit, 0x0d, 1, ...body, 0x0c, 0, 0x0b, 0x0b];
const ZERO = (dst: number[], bytes: number[]) => [...dst, ...i32(0), ...bytes, 0xfc, 11, 0]; // memory.fill
const locals = (...groups: [number, number][]) => vec(groups.map(([n, t]) => [n, t]));
const fn = (body: number[]) => [...uleb(body.length + 1), ...body, 0x0b];

/**
 * dst[j] += s · src[j] over `bytes`, 32 floats at a time while they last (unrolled: 1.25×
 * on MNIST's 128-unit rows), then 4 at a time; inlined where it is used (a call per
 * non-zero input cost as much as the arithmetic). Locals: dst, s (v128), src, bytes in;
 * j, end, pd, ps scratch.
 */
function axpyInline(dst: number, s: number, src: number, bytes: number, [j, end, pd, ps]: number[]): number[] {
  const madd = (offset: number) => [...get(pd), ...get(pd), ...LOAD_AT(offset), ...get(s), ...get(ps), ...LOAD_AT(offset), ...MUL, ...ADD, ...STORE_AT(offset)];
  const pointers = [...get(dst), ...get(j), ...ADDI, ...set(pd), ...get(src), ...get(j), ...ADDI, ...set(ps)];
  return [
    ...i32(0), ...set(j), ...get(bytes), ...i32(-128), ...AND, ...set(end),
    ...LOOP([...get(j), ...get(end), ...GEU], [...pointers, ...[0, 16, 32, 48, 64, 80, 96, 112].flatMap(madd), ...get(j), ...i32(128), ...ADDI, ...set(j)]),
    ...LOOP([...get(j), ...get(bytes), ...GEU], [...pointers, ...madd(0), ...get(j), ...i32(16), ...ADDI, ...set(j)]),
  ];
}

const at4 = (base: number, index: number) => [...get(base), ...get(index), ...i32(2), ...SHL, ...ADDI]; // base + 4·index

/**
 * func 0: rows(x, m, k, idx, val, starts, order, ordered): the non-zeros of m rows of x
 * (k columns): rows 0…m−1, or with `ordered` the rows order[0…m−1] (i32) — a shuffled
 * batch read straight from the training set. Column in idx (i32), value in val; row r's
 * in [starts[r], starts[r+1]). Groups of 4 zeros are skipped with one SIMD test (MNIST's
 * pixels are mostly runs of zeros).
 */
function rows(): number[] {
  const [X, M, K, IDX, VAL, STARTS, ORDER, ORDERED] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [R, I, N, P, END4, BASE, V] = [8, 9, 10, 11, 12, 13, 14];
  const keep = (lane: number) => [
    ...get(P), ...F32_LOAD_AT(lane * 4), ...tee(V), ...F32_NONZERO,
    ...IF([...at4(IDX, N), ...get(I), ...i32(lane), ...ADDI, ...I32_STORE, ...at4(VAL, N), ...get(V), ...F32_STORE, ...get(N), ...i32(1), ...ADDI, ...set(N)]),
  ];
  const point = [...get(BASE), ...get(I), ...i32(2), ...SHL, ...ADDI, ...tee(P)];
  return [
    ...locals([6, I32], [1, F32]),
    ...get(STARTS), ...i32(0), ...I32_STORE,
    ...get(K), ...i32(-4), ...AND, ...set(END4),
    ...i32(0), ...set(N), ...i32(0), ...set(R),
    ...LOOP([...get(R), ...get(M), ...GEU], [
      ...IF_ELSE(get(ORDERED), [...at4(ORDER, R), ...I32_LOAD, ...set(BASE)], [...get(R), ...set(BASE)]),
      ...get(X), ...get(BASE), ...get(K), ...MULI, ...i32(2), ...SHL, ...ADDI, ...set(BASE),
      ...i32(0), ...set(I),
      ...LOOP([...get(I), ...get(END4), ...GEU], [...point, ...LOAD, ...ANY_TRUE, ...IF([0, 1, 2, 3].flatMap(keep)), ...get(I), ...i32(4), ...ADDI, ...set(I)]),
      ...LOOP([...get(I), ...get(K), ...GEU], [...point, 0x1a /* drop */, ...keep(0), ...get(I), ...i32(1), ...ADDI, ...set(I)]),
      ...get(R), ...i32(1), ...ADDI, ...set(R),
      ...at4(STARTS, R), ...get(N), ...I32_STORE,
    ]),
  ];
}

/** for (j = 0; j < bytes; j += 16) body(j), with j and bytes locals */
const EACH16 = (j: number, bytes: number, body: number[]) => [...i32(0), ...set(j), ...LOOP([...get(j), ...get(bytes), ...GEU], [...body, ...get(j), ...i32(16), ...ADDI, ...set(j)])];

/**
 * func 1 (transposed = false): xw(out, m, k, n, w, idx, val, starts, bias, _, flags):
 *   out[r] = Σ over row r's non-zeros x[r][i] · w[i]                  (out[m×n] = x·w)
 *   flags 1: each row starts from bias instead of 0; 2: relu after (v > 0 ? v : 0, as jsDenseMath)
 * func 2 (transposed = true): xtd(out, m, k, n, d, idx, val, starts, h, db, flags):
 *   out[i] = Σ over the rows r where x[r][i] ≠ 0 of x[r][i] · d[r]    (out[k×n] = xᵀ·d)
 *   flags 1: first d[r] ← d[r] where h[r] > 0, else 0 (relu's derivative, in place);
 *         2: db ← Σ_r d[r] (the bias gradient, rows in order)
 */
function sparseProduct(transposed: boolean): number[] {
  const [OUT, M, K, N, B, IDX, VAL, STARTS, AUX1, AUX2, FLAGS] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const [R, Q, QEND, NB, ROW, DST, SRC, J, END, PD, PS, AROW] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22];
  const [S, ZV, V] = [23, 24, 25];
  const column = [...at4(IDX, Q), ...I32_LOAD, ...get(NB), ...MULI]; // the non-zero's column i, as a row offset
  const here = (base: number) => [...get(base), ...get(J), ...ADDI]; // base + j
  const relu = EACH16(J, NB, [...here(ROW), ...here(ROW), ...LOAD, ...tee(V), ...get(V), ...get(ZV), ...F32X4_GT, ...V128_AND, ...STORE]);
  const reluDerivative = EACH16(J, NB, [...here(ROW), ...here(ROW), ...LOAD, ...here(AROW), ...LOAD, ...get(ZV), ...F32X4_GT, ...V128_AND, ...STORE]);
  const columnSums = EACH16(J, NB, [...here(AUX2), ...here(AUX2), ...LOAD, ...here(ROW), ...LOAD, ...ADD, ...STORE]);
  const startRow = transposed
    ? [...IF_FLAG(FLAGS, 1, [...get(AUX1), ...get(R), ...get(NB), ...MULI, ...ADDI, ...set(AROW), ...reluDerivative]), ...IF_FLAG(FLAGS, 2, columnSums)]
    : [...IF_ELSE(FLAG(FLAGS, 1), [...get(ROW), ...get(AUX1), ...get(NB), ...COPY], ZERO(get(ROW), get(NB)))];
  return [
    ...locals([12, I32], [3, V128]),
    ...get(N), ...i32(2), ...SHL, ...set(NB),
    0x43, 0, 0, 0, 0, ...SPLAT, ...set(ZV),
    ...(transposed ? [...ZERO(get(OUT), [...get(K), ...get(NB), ...MULI]), ...IF_FLAG(FLAGS, 2, ZERO(get(AUX2), get(NB)))] : []),
    ...i32(0), ...set(R),
    ...LOOP([...get(R), ...get(M), ...GEU], [
      ...get(transposed ? B : OUT), ...get(R), ...get(NB), ...MULI, ...ADDI, ...set(ROW),
      ...startRow,
      ...at4(STARTS, R), ...I32_LOAD, ...set(Q),
      ...at4(STARTS, R), ...I32_LOAD_AT(4), ...set(QEND),
      ...LOOP([...get(Q), ...get(QEND), ...GEU], [
        ...at4(VAL, Q), ...F32_LOAD_AT(0), ...SPLAT, ...set(S),
        ...(transposed
          ? [...get(OUT), ...column, ...ADDI, ...set(DST), ...get(ROW), ...set(SRC)] // out[i] += v · d[r]
          : [...get(ROW), ...set(DST), ...get(B), ...column, ...ADDI, ...set(SRC)]), // out[r] += v · w[i]
        ...axpyInline(DST, S, SRC, NB, [J, END, PD, PS]),
        ...get(Q), ...i32(1), ...ADDI, ...set(Q),
      ]),
      ...(transposed ? [] : IF_FLAG(FLAGS, 2, relu)),
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

/** The module's bytes (exports rows, xw, xtd, adam; imports env.memory). */
function wasmStepModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = (...types: number[]) => vec(types.map((t) => [t]));
  const types = [
    [0x60, ...params(I32, I32, I32, I32, I32, I32, I32, I32), ...vec([])], // rows
    [0x60, ...params(I32, I32, I32, I32, I32, I32, I32, I32, I32, I32, I32), ...vec([])], // xw, xtd
    [0x60, ...params(I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32), ...vec([])], // adam
  ];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x00, 1]])),
    ...section(3, vec([[0], [1], [1], [2]])),
    ...section(7, vec([[...name('rows'), 0x00, 0], [...name('xw'), 0x00, 1], [...name('xtd'), 0x00, 2], [...name('adam'), 0x00, 3]])),
    ...section(10, vec([fn(rows()), fn(sparseProduct(false)), fn(sparseProduct(true)), fn(adam())])),
  ]);
}

/** The exports, called with byte offsets. */
export interface WasmStepKernels {
  rows(x: number, m: number, k: number, idx: number, val: number, starts: number, order: number, ordered: number): void;
  xw(out: number, m: number, k: number, n: number, w: number, idx: number, val: number, starts: number, bias: number, unused: number, flags: number): void;
  xtd(out: number, m: number, k: number, n: number, d: number, idx: number, val: number, starts: number, h: number, db: number, flags: number): void;
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
