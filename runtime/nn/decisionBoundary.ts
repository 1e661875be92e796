import type * as tfjs from '@tensorflow/tfjs';
import type { VegaPayload } from '../display/payloads';
import { toClasses, toRows, type Numeric } from './toNumbers';

export interface DecisionBoundaryOptions {
  /** Grid cells per side (default 40). */
  resolution?: number;
  title?: string;
  /** Live: redraw every N batches of model.fit; the result is then also a model.fit callback. */
  every?: number;
}

/**
 * A `vega` payload with a 2-D classifier's predicted class over a grid (regions) and
 * the points coloured by their true class. A model with one sigmoid output is read as
 * p > 0.5; several outputs by argmax.
 *
 * @example
 * decisionBoundaryPayload(tf, model, xs, ys, { resolution: 50 })
 */
export function decisionBoundaryPayload(tf: typeof tfjs, model: tfjs.LayersModel, x: tfjs.Tensor | number[][], y: Numeric | number[][], opts: DecisionBoundaryOptions = {}): VegaPayload {
  const { predict, build } = decisionBoundarySource(tf, model, x, y, opts);
  const t = predict();
  try { return build(t.dataSync()); } finally { t.dispose(); }
}

/**
 * Like decisionBoundaryPayload, but reads the grid's predictions with `await data()`
 * (no sync read): for live pictures refreshed from model.fit callbacks.
 *
 * @example
 * const p = await decisionBoundaryPayloadAsync(tf, model, xs, ys);
 */
export async function decisionBoundaryPayloadAsync(tf: typeof tfjs, model: tfjs.LayersModel, x: tfjs.Tensor | number[][], y: Numeric | number[][], opts: DecisionBoundaryOptions = {}): Promise<VegaPayload> {
  const { predict, build } = decisionBoundarySource(tf, model, x, y, opts);
  const t = predict();
  try { return build(await t.data() as ArrayLike<number>); } finally { t.dispose(); }
}

/** Reads the points once; `predict` gives the grid's classes as a tensor (the caller disposes it). */
export function decisionBoundarySource(tf: typeof tfjs, model: tfjs.LayersModel, x: tfjs.Tensor | number[][], y: Numeric | number[][], opts: DecisionBoundaryOptions = {}): { predict: () => tfjs.Tensor; build: (predicted: ArrayLike<number>) => VegaPayload } {
  const pts = toRows(x as tfjs.Tensor, 'x');
  if (pts.length === 0 || pts[0].length !== 2) throw new Error('nn.plot.decisionBoundary: x must be [n, 2] (two input features)');
  const cls = toClasses(y);
  if (cls.length !== pts.length) throw new Error(`nn.plot.decisionBoundary: ${pts.length} points but ${cls.length} labels`);
  const res = Math.max(5, Math.min(opts.resolution ?? 40, 100));
  const ext = (k: number) => {
    let lo = Math.min(...pts.map((p) => p[k])), hi = Math.max(...pts.map((p) => p[k]));
    const pad = (hi - lo || 1) * 0.1;
    lo -= pad; hi += pad;
    return { lo, step: (hi - lo) / res };
  };
  const ex = ext(0), ey = ext(1);
  const grid: number[] = [];
  for (let j = 0; j < res; j++) for (let i = 0; i < res; i++) grid.push(ex.lo + (i + 0.5) * ex.step, ey.lo + (j + 0.5) * ey.step);
  const predict = () => tf.tidy(() => {
    const out = model.predict(tf.tensor2d(grid, [res * res, 2])) as tfjs.Tensor;
    return out.shape[1] === 1 || out.rank === 1 ? out.reshape([-1]).greater(0.5).toInt() : out.argMax(-1);
  });
  const points = pts.map((p, k) => ({ x: round6(p[0]), y: round6(p[1]), class: String(cls[k]) }));
  const build = (predicted: ArrayLike<number>): VegaPayload => {
    const cells = Array.from(predicted, (c, k) => {
      const i = k % res, j = Math.floor(k / res);
      return { x: round6(ex.lo + i * ex.step), x2: round6(ex.lo + (i + 1) * ex.step), y: round6(ey.lo + j * ey.step), y2: round6(ey.lo + (j + 1) * ey.step), class: String(c) };
    });
    const color = { field: 'class', type: 'nominal', title: 'class' };
    return {
      version: 1,
      spec: {
        title: opts.title ?? 'decision boundary',
        width: 320, height: 320,
        layer: [
          { data: { values: cells }, mark: { type: 'rect', opacity: 0.3 }, encoding: { x: { field: 'x', type: 'quantitative', title: 'x₁', scale: { zero: false, nice: false } }, x2: { field: 'x2' }, y: { field: 'y', type: 'quantitative', title: 'x₂', scale: { zero: false, nice: false } }, y2: { field: 'y2' }, color } },
          { data: { values: points }, mark: { type: 'point', filled: true, size: 40, stroke: 'black', strokeWidth: 0.5 }, encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color } },
        ],
      },
    };
  };
  return { predict, build };
}

/** 6 significant digits: a grid step's float noise (−0.039999999999999994) would double the saved notebook. */
function round6(v: number): number {
  return Number(v.toPrecision(6));
}
