import type * as tfjs from '@tensorflow/tfjs';
import { heatmapData } from '../display/heatmapData';
import type { HeatmapPayload } from '../display/payloads';
import { isTensor } from './toNumbers';

export interface HeatmapOptions {
  title?: string;
  /** For a layer: which of its weights (0 = kernel, 1 = bias; default 0). */
  weight?: number;
  /** 'diverging' (default) is centred at 0; 'sequential' for non-negative data. */
  scale?: 'diverging' | 'sequential';
  rowTitle?: string;
  colTitle?: string;
  /**
   * Live: redraw every N batches of model.fit. The result is then also a model.fit
   * callback (see LivePlot in liveLayerPlot.ts).
   */
  every?: number;
}

/** What heatmapPayload needs of a tf.layers.Layer. */
interface LayerLike { name: string; getWeights(): tfjs.Tensor[] }

/**
 * A heatmap payload for a tensor or a layer's weights: 1-D is one row, 2-D as it is,
 * higher ranks folded to [all but the last axis, last axis] (a conv kernel
 * [kh, kw, in, out] becomes [kh·kw·in, out]).
 *
 * @example
 * heatmapPayload(model.layers[0], { title: 'first layer weights' })
 */
export function heatmapPayload(source: tfjs.Tensor | LayerLike, opts: HeatmapOptions = {}): HeatmapPayload {
  const { t, build } = heatmapSource(source, opts);
  return build(t.dataSync());
}

/**
 * Like heatmapPayload, but reads the values with `await tensor.data()` (no sync read):
 * for live heatmaps refreshed from model.fit callbacks. The values are read from a
 * clone, so the optimizer may replace the layer's weights meanwhile.
 *
 * @example
 * const p = await heatmapPayloadAsync(model.layers[0]);
 */
export async function heatmapPayloadAsync(source: tfjs.Tensor | LayerLike, opts: HeatmapOptions = {}): Promise<HeatmapPayload> {
  const { t, build } = heatmapSource(source, opts);
  const copy = t.clone();
  try { return build(await copy.data() as ArrayLike<number>); } finally { copy.dispose(); }
}

/** The tensor a heatmap shows, and how to turn its values into the payload. */
function heatmapSource(source: tfjs.Tensor | LayerLike, opts: HeatmapOptions): { t: tfjs.Tensor; build: (values: ArrayLike<number>) => HeatmapPayload } {
  let t: tfjs.Tensor;
  let title = opts.title;
  if (isTensor(source)) t = source;
  else if (source && typeof (source as LayerLike).getWeights === 'function') {
    const weights = (source as LayerLike).getWeights(); // the layer's own variables: nothing to dispose
    const i = opts.weight ?? 0;
    if (!weights[i]) throw new Error(`layer '${source.name}' has ${weights.length} weight tensor(s); no weight ${i} (build or fit the model first?)`);
    t = weights[i];
    title ??= `${source.name} ${i === 0 ? 'kernel' : i === 1 ? 'bias' : `weight ${i}`} [${t.shape.join('×')}]`;
  } else throw new TypeError('nn.plot.heatmap: expected a tensor or a layer');
  if (t.isDisposed) throw new Error('nn.plot.heatmap: the tensor is disposed');
  if (t.size === 0) throw new Error('nn.plot.heatmap: the tensor is empty');
  const cols = t.rank === 0 ? 1 : t.shape[t.rank - 1];
  const rows = t.size / cols;
  const defaults = t.rank <= 2 ? { rowTitle: 'row', colTitle: 'column' } : { rowTitle: t.shape.slice(0, -1).join('×'), colTitle: 'output' };
  return {
    t,
    build: (values) => heatmapData(values, rows, cols, {
      scale: opts.scale ?? 'diverging', title, rowTitle: opts.rowTitle ?? defaults.rowTitle, colTitle: opts.colTitle ?? defaults.colTitle,
    }),
  };
}
