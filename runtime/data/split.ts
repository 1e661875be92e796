import { shuffleInPlace } from '../teach/seed';

/**
 * Splits n items per class so each class keeps its share (largest remainder), drawn
 * without replacement with `random`: train and test never share an item.
 *
 * @example
 * stratifiedSplit([0, 0, 1, 1, 1, 1], 3, 3, mulberry32(1));
 * // { train: [i, j, k] with one 0 and two 1s, test: the other three }, each shuffled
 */
export function stratifiedSplit(labels: ArrayLike<number>, nTrain: number, nTest: number, random: () => number): { train: Int32Array; test: Int32Array } {
  const n = labels.length;
  if (!Number.isInteger(nTrain) || !Number.isInteger(nTest) || nTrain < 0 || nTest < 0) throw new RangeError(`split sizes must be whole numbers ≥ 0, got train=${nTrain} test=${nTest}`);
  if (nTrain + nTest > n) throw new RangeError(`train + test = ${nTrain + nTest} but only ${n} examples exist`);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    let list = byClass.get(c);
    if (!list) { list = []; byClass.set(c, list); }
    list.push(i);
  }
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const sizes = classes.map((c) => byClass.get(c)!.length);
  const trainQ = allocate(sizes, nTrain, sizes);
  const testQ = allocate(sizes, nTest, sizes.map((s, k) => s - trainQ[k]));
  const train: number[] = [], test: number[] = [];
  classes.forEach((c, k) => {
    const idx = byClass.get(c)!;
    shuffleInPlace(idx, random);
    train.push(...idx.slice(0, trainQ[k]));
    test.push(...idx.slice(trainQ[k], trainQ[k] + testQ[k]));
  });
  // Mixed classes in every batch.
  shuffleInPlace(train, random);
  shuffleInPlace(test, random);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** total split across classes in proportion to sizes (largest remainder), each ≤ its cap. */
function allocate(sizes: number[], total: number, caps: number[]): number[] {
  const n = sizes.reduce((s, x) => s + x, 0);
  const exact = sizes.map((s) => (n === 0 ? 0 : (total * s) / n));
  const q = exact.map((e, k) => Math.min(Math.floor(e), caps[k]));
  let left = total - q.reduce((s, x) => s + x, 0);
  const order = exact.map((e, k) => k).sort((a, b) => (exact[b] - Math.floor(exact[b])) - (exact[a] - Math.floor(exact[a])) || a - b);
  // Hand out the remainder by largest fraction, then wherever room is left.
  for (const pass of [0, 1]) {
    for (const k of order) {
      if (left === 0) break;
      const room = caps[k] - q[k];
      if (room <= 0) continue;
      const add = pass === 0 ? 1 : Math.min(room, left);
      q[k] += add; left -= add;
    }
  }
  return q;
}
