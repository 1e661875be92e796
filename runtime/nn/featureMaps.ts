import type * as tfjs from '@tensorflow/tfjs';
import type { ImagesPayload } from '../display/payloads';
import { toBase64 } from './base64';

export interface FeatureMapsOptions {
  title?: string;
  /**
   * 'each' (default): every map stretched to its own min–max, so a weak map is still
   * visible; 'shared': one range for all, so brightness compares across maps.
   */
  scale?: 'each' | 'shared';
  /** Captions, one per channel (default the channel index). */
  labels?: string[];
  /** Most maps drawn (default 64). */
  max?: number;
}

/**
 * The `images` payload for the channels of one example: a conv layer's output
 * [1, h, w, c] (or [h, w, c]) becomes c grey h×w images, channel k captioned k. A conv
 * kernel with one input channel, squeezed to [kh, kw, filters], draws its filters.
 * Dark is the map's lowest value, light its highest; a constant map is black.
 *
 * @example
 * const maps = tf.tidy(() => tf.model({ inputs: model.inputs, outputs: model.layers[0].output as tf.SymbolicTensor }).predict(digit) as tf.Tensor);
 * featureMapsPayload(maps, { title: 'conv1 on one digit' })
 */
export function featureMapsPayload(x: tfjs.Tensor, opts: FeatureMapsOptions = {}): ImagesPayload {
  if (!x || typeof x.dataSync !== 'function') throw new TypeError('nn.plot.featureMaps: expected a tensor [1, h, w, channels] or [h, w, channels]');
  if (x.isDisposed) throw new Error('nn.plot.featureMaps: the tensor is disposed');
  const shape = x.shape as number[];
  if (x.rank === 4 && shape[0] !== 1) throw new Error(`nn.plot.featureMaps: one example at a time: got a batch of ${shape[0]} ([${shape.join(',')}]); slice one, e.g. x.slice([0, 0, 0, 0], [1, -1, -1, -1])`);
  if (x.rank !== 3 && x.rank !== 4) throw new Error(`nn.plot.featureMaps: expected [1, h, w, channels] or [h, w, channels], got [${shape.join(',')}]`);
  const [h, w, c] = shape.slice(-3);
  if (h * w * c === 0) throw new Error('nn.plot.featureMaps: the tensor is empty');
  if (opts.labels && opts.labels.length !== c) throw new Error(`nn.plot.featureMaps: ${opts.labels.length} labels for ${c} channels`);
  const count = Math.min(c, opts.max ?? 64);
  const data = x.dataSync() as ArrayLike<number>;
  // Channels are the last axis: value (row, col) of map k sits at (row·w + col)·c + k.
  const lo = new Array<number>(count).fill(Infinity), hi = new Array<number>(count).fill(-Infinity);
  for (let p = 0; p < h * w; p++) {
    for (let k = 0; k < count; k++) {
      const v = data[p * c + k];
      if (Number.isFinite(v)) { if (v < lo[k]) lo[k] = v; if (v > hi[k]) hi[k] = v; }
    }
  }
  if (opts.scale === 'shared') {
    const [l, u] = [Math.min(...lo), Math.max(...hi)];
    lo.fill(l); hi.fill(u);
  }
  const images: ImagesPayload['images'] = [];
  for (let k = 0; k < count; k++) {
    const span = hi[k] - lo[k];
    const bytes = new Uint8Array(h * w);
    for (let p = 0; p < h * w; p++) {
      const v = data[p * c + k];
      bytes[p] = Number.isFinite(v) && span > 0 ? Math.round(((v - lo[k]) / span) * 255) : 0;
    }
    images.push({ pixels: toBase64(bytes), label: opts.labels?.[k] ?? String(k) });
  }
  const payload: ImagesPayload = { version: 1, width: w, height: h, channels: 1, images, total: c };
  if (opts.title) payload.title = opts.title;
  return payload;
}
