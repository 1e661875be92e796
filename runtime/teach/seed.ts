/**
 * `nn.seed(n)`: one call makes a lesson reproducible.
 *
 * tfjs draws every unseeded random number from `Math.random`: its random ops seed their
 * generator with `seedrandom.alea(Math.random())` when no seed is given (tfjs-core
 * rand_util), so weight initialisers, dropout and `tf.random*` follow it, and
 * `model.fit`'s shuffle uses `util.shuffle`, which calls `Math.random` directly. So
 * while a seed is active `Math.random` itself is replaced by a seeded generator; the
 * datasets draw from it too when they are not given their own seed.
 */

/**
 * mulberry32: a tiny, fast 32-bit PRNG with a full 2^32 period; uniform in [0, 1).
 *
 * @example
 * const r = mulberry32(1); r(); r(); // the same two numbers on every run
 */
export function mulberry32(seed: number): () => number {
  let a = hashSeed(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Any number (also 0, negatives, fractions) to a well-mixed 32-bit state, so seeds 1 and 2 start far apart. */
function hashSeed(seed: number): number {
  let h = Math.imul((Math.floor(seed) ^ Math.floor((seed % 1) * 2 ** 32)) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
  return h | 0;
}

/**
 * A standard normal sample from a uniform generator (Box–Muller).
 *
 * @example
 * const r = mulberry32(1); const z = gaussian(r); // mean 0, sd 1
 */
export function gaussian(random: () => number): number {
  const u = 1 - random(); // (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

interface Active { seed: number; host: { random: () => number }; original: () => number }
let active: Active | undefined;

/**
 * Seeds everything random in the kernel: `Math.random` (and so tfjs initialisers,
 * dropout, unseeded `tf.random*`, `model.fit` shuffling) and the datasets. Calling it
 * again with the same number restarts the same sequence.
 *
 * @example
 * nn.seed(1);
 * const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
 * // the same weights, shuffles and losses on every run
 */
export function seed(n: number, host: { random: () => number } = Math): void {
  if (!Number.isFinite(n)) throw new TypeError(`nn.seed: expected a finite number, got ${n}`);
  const original = active && active.host === host ? active.original : host.random;
  host.random = mulberry32(n);
  active = { seed: n, host, original };
}

/**
 * Puts the original `Math.random` back.
 *
 * @example
 * nn.seed(1); … ; unseed(); // unseeded again
 */
export function unseed(): void {
  if (!active) return;
  active.host.random = active.original;
  active = undefined;
}

/** The active seed, if any. */
export function currentSeed(): number | undefined {
  return active?.seed;
}

/**
 * A generator for a dataset or shuffle: its own seed if given (the same data whatever
 * else ran), else one drawn from `Math.random` (reproducible after `nn.seed`).
 *
 * @example
 * const r = rng(42); r(); // the same first number every time
 */
export function rng(seed?: number): () => number {
  return mulberry32(seed ?? Math.floor(Math.random() * 4294967296));
}

/**
 * Fisher–Yates shuffle in place with the given generator.
 *
 * @example
 * const idx = [0, 1, 2, 3]; shuffleInPlace(idx, rng(1));
 */
export function shuffleInPlace<T>(a: T[] | Int32Array | Uint32Array, random: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = a[i]; a[i] = a[j]; a[j] = t;
  }
}
