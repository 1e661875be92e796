/** Small dense-matrix arithmetic in float64 for the backprop stepper (nets of a few units). */
export type Matrix = number[][];

export const shape = (m: Matrix): [number, number] => [m.length, m[0]?.length ?? 0];

export function matMul(a: Matrix, b: Matrix): Matrix {
  const [n, k] = shape(a), [k2, m] = shape(b);
  if (k !== k2) throw new Error(`matMul: [${n},${k}] × [${k2},${m}]`);
  return a.map((row) => Array.from({ length: m }, (_, j) => row.reduce((s, v, i) => s + v * b[i][j], 0)));
}

export const transpose = (a: Matrix): Matrix => (a.length ? a[0].map((_, j) => a.map((r) => r[j])) : []);
export const map2 = (a: Matrix, b: Matrix, f: (x: number, y: number) => number): Matrix => a.map((r, i) => r.map((v, j) => f(v, b[i][j])));
export const map = (a: Matrix, f: (x: number) => number): Matrix => a.map((r) => r.map(f));
export const addRow = (a: Matrix, row: number[]): Matrix => a.map((r) => r.map((v, j) => v + row[j]));
export const sumRows = (a: Matrix): number[] => (a.length ? a[0].map((_, j) => a.reduce((s, r) => s + r[j], 0)) : []);

export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'linear';

/** f and f′ written as a function of z (and of a = f(z), which is what the chain rule uses). */
export const ACTIVATIONS: Record<ActivationName, { f: (z: number) => number; df: (z: number, a: number) => number; formula: string }> = {
  sigmoid: { f: (z) => 1 / (1 + Math.exp(-z)), df: (_z, a) => a * (1 - a), formula: 'σ′(z) = a·(1−a)' },
  tanh: { f: Math.tanh, df: (_z, a) => 1 - a * a, formula: 'tanh′(z) = 1−a²' },
  relu: { f: (z) => Math.max(0, z), df: (z) => (z > 0 ? 1 : 0), formula: 'relu′(z) = 1 if z>0 else 0' },
  linear: { f: (z) => z, df: () => 1, formula: 'f′(z) = 1' },
};

/** A factor in a product: negatives in parentheses, "2·(−0.5)". */
export const fmtFactor = (x: number): string => (x < 0 ? `(${fmt(x)})` : fmt(x));

/** A short number for chain-rule lines. */
export const fmt = (x: number): string => {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a < 1e-3 || a >= 1e5 ? x.toExponential(3) : String(Number(x.toPrecision(4)));
};
