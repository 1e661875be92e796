/**
 * Largest-Triangle-Three-Buckets downsampling: keeps `max` points of a series chosen so
 * the drawn line keeps its shape (peaks and dips survive, flat stretches thin out).
 * Used for stored snapshots, so a notebook stays small after long training.
 *
 * @example
 * const { x, y } = downsample(xs, ys, 2000); // ≤ 2,000 points, first and last kept
 */
export function downsample(x: number[], y: number[], max: number): { x: number[]; y: number[] } {
  const n = Math.min(x.length, y.length);
  if (n <= max || max < 3) return { x: x.slice(0, n), y: y.slice(0, n) };
  const outX = [x[0]];
  const outY = [y[0]];
  const every = (n - 2) / (max - 2);
  let a = 0;
  for (let i = 0; i < max - 2; i++) {
    // The next bucket's average is the third corner of the triangle.
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0, avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) { avgX += x[j]; avgY += y[j]; }
    const count = Math.max(nextEnd - nextStart, 1);
    avgX /= count; avgY /= count;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    let best = start, bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((x[a] - avgX) * (y[j] - y[a]) - (x[a] - x[j]) * (avgY - y[a]));
      if (area > bestArea) { bestArea = area; best = j; }
    }
    outX.push(x[best]);
    outY.push(y[best]);
    a = best;
  }
  outX.push(x[n - 1]);
  outY.push(y[n - 1]);
  return { x: outX, y: outY };
}
