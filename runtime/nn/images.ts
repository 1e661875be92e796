import type * as tfjs from '@tensorflow/tfjs';
import type { ImagesPayload } from '../display/payloads';
import { toBase64 } from './base64';
import { toClasses, type Numeric } from './toNumbers';

export interface ImagesOptions {
  /** True labels (class indices or one-hot rows), shown under each image. */
  labels?: Numeric | number[][];
  /** Predicted labels (indices, one-hot or probability rows); wrong ones are marked. */
  predictions?: Numeric | number[][];
  /** Names for class indices (e.g. ['T-shirt', 'Trouser', …]). */
  classNames?: string[];
  /** Most images drawn (default 64). */
  max?: number;
  title?: string;
}

/**
 * The `images` payload: a grid of images from a [n, h, w], [n, h, w, c] or [n, h·w]
 * (square) tensor, scaled to 0–255 from the batch's own range.
 *
 * @example
 * imagesPayload(xs.slice(0, 16), { labels: ys.slice(0, 16), predictions: model.predict(xs.slice(0, 16)) })
 */
export function imagesPayload(x: tfjs.Tensor, opts: ImagesOptions = {}): ImagesPayload {
  if (!x || typeof x.dataSync !== 'function') throw new TypeError('nn.plot.images: expected a tensor of images');
  const shape = x.shape as number[];
  const n = shape[0];
  let [h, w, c] = [shape[1], shape[2] ?? 1, shape[3] ?? 1];
  if (x.rank === 2) {
    const side = Math.round(Math.sqrt(shape[1]));
    if (side * side !== shape[1]) throw new Error(`nn.plot.images: rows of ${shape[1]} values are not square images; reshape to [n, h, w] first`);
    [h, w, c] = [side, side, 1];
  } else if (x.rank === 3) c = 1;
  else if (x.rank !== 4) throw new Error(`nn.plot.images: expected [n, h, w], [n, h, w, c] or [n, h·w], got [${x.shape.join(',')}]`);
  if (c !== 1 && c !== 3 && c !== 4) throw new Error(`nn.plot.images: ${c} channels; expected 1, 3 or 4`);
  const count = Math.min(n, opts.max ?? 64);
  const per = h * w * c;
  const data = x.dataSync() as ArrayLike<number>;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < count * per; i++) { const v = data[i]; if (Number.isFinite(v)) { if (v < lo) lo = v; if (v > hi) hi = v; } }
  // Images already in 0–1 or 0–255 keep their brightness; anything else is stretched.
  if (lo >= 0 && hi <= 1) { lo = 0; hi = 1; } else if (lo >= 0 && hi <= 255) { lo = 0; hi = 255; }
  const span = hi > lo ? hi - lo : 1;
  const name = (k: number) => opts.classNames?.[k] ?? String(k);
  const labels = opts.labels === undefined ? undefined : toClasses(opts.labels);
  const preds = opts.predictions === undefined ? undefined : toClasses(opts.predictions);
  const images: ImagesPayload['images'] = [];
  for (let i = 0; i < count; i++) {
    const bytes = new Uint8Array(per);
    for (let j = 0; j < per; j++) { const v = data[i * per + j]; bytes[j] = Number.isFinite(v) ? Math.round(((v - lo) / span) * 255) : 0; }
    const img: ImagesPayload['images'][number] = { pixels: toBase64(bytes) };
    if (labels?.[i] !== undefined) img.label = name(labels[i]);
    if (preds?.[i] !== undefined) img.prediction = name(preds[i]);
    images.push(img);
  }
  const payload: ImagesPayload = { version: 1, width: w, height: h, channels: c as 1 | 3 | 4, images, total: n };
  if (opts.title) payload.title = opts.title;
  return payload;
}
