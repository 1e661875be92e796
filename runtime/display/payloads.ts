/**
 * The JSON payloads of nnbook's own output kinds (`application/vnd.nnbook.<kind>+json`)
 * and of their live deltas. Type-only: the runtime builds them, the renderer
 * (renderers/) validates and draws them, and nothing else crosses between the two.
 * Every payload has `version: 1`; bump it on any incompatible change and keep the
 * renderer able to draw every version that notebooks were saved with.
 *
 * @example
 * const p: ChartPayload = { version: 1, mark: 'line', x: { title: 'x' }, y: { title: 'y' },
 *   series: [{ name: 'y = x²', x: [0, 1, 2], y: [0, 1, 4] }] };
 */

/** Present on payloads that can be updated while a cell runs. */
export interface LiveInfo {
  /** The display id the kernel's `update` messages name. */
  displayId: string;
  /** The last delta this snapshot includes: the renderer applies deltas with a higher `seq` only. */
  seq: number;
  /** False once the producer is done (the final picture). */
  running: boolean;
}

export interface Axis {
  title?: string;
  scale?: 'linear' | 'log';
}

export interface Series {
  name: string;
  /** Charts with panels draw one small chart per panel (e.g. one per metric). */
  panel?: string;
  x: number[];
  y: (number | null)[];
  /** Drawn dashed (e.g. a derivative, or a validation curve). */
  dash?: boolean;
}

export interface ProgressPayload {
  version: 1;
  /** 1-based epoch being run, and how many there are (0 when unknown). */
  epoch: number;
  epochs: number;
  /** 1-based batch within the epoch, and how many (0 when unknown). */
  batch: number;
  batches: number;
  /** Samples processed so far, over all epochs. */
  samples: number;
  samplesPerSec: number;
  /** Seconds left, estimated; absent when unknown. */
  etaSec?: number;
  elapsedSec: number;
  done: boolean;
  live?: LiveInfo;
}

export interface ChartPayload {
  version: 1;
  title?: string;
  mark: 'line' | 'point' | 'bar';
  x: Axis;
  y: Axis;
  series: Series[];
  /** Offers a linear/log toggle for the y axis (loss curves). */
  logToggle?: boolean;
  /** A training run's progress bar above the chart. */
  progress?: ProgressPayload;
  /** Set when stored series were downsampled: how many points there were in all. */
  downsampledFrom?: number;
  live?: LiveInfo;
}

/** A live chart's delta: points to append, and the progress as it is now. */
export interface ChartDelta {
  seq: number;
  /** Points to add, per series (a new name adds a series). */
  append: Series[];
  progress?: ProgressPayload;
  /** Set on the last delta. */
  done?: boolean;
}

export interface HeatmapPayload {
  version: 1;
  title?: string;
  rows: number;
  cols: number;
  /** Row-major, `rows * cols` values. Non-finite values are sent as null. */
  values: (number | null)[];
  /** Colour scale: 'diverging' is centred at 0 (weights, gradients); 'sequential' from min to max. */
  scale: 'diverging' | 'sequential';
  rowTitle?: string;
  colTitle?: string;
  /** The matrix was block-averaged down from this shape to stay drawable. */
  downsampledFrom?: [number, number];
  min: number;
  max: number;
  live?: LiveInfo;
}

export interface TensorPayload {
  version: 1;
  dtype: string;
  shape: number[];
  size: number;
  /** Summary over the finite values; absent for an empty or non-numeric tensor. */
  stats?: { min: number; max: number; mean: number; std: number; nonFinite: number };
  /** Flat values (row-major) when the tensor is small enough for a table. */
  values?: (number | string | boolean | null)[];
  /** A heatmap for 2-D tensors too big for a table. */
  heatmap?: HeatmapPayload;
  /** A histogram of the values when the tensor is large. */
  histogram?: { x0: number[]; x1: number[]; count: number[] };
  disposed?: boolean;
}

export interface ModelLayerRow {
  name: string;
  className: string;
  outputShape: string;
  params: number;
  /** Multiply-adds counted as 2 FLOPs, per sample; absent when not known for the layer kind. */
  flops?: number;
  activation?: string;
}

export interface ModelPayload {
  version: 1;
  name: string;
  layers: ModelLayerRow[];
  totalParams: number;
  trainableParams: number;
  /** FLOPs of one forward pass for one sample, summed over layers whose cost is known. */
  flopsPerSample: number;
  /** Layer kinds left out of the FLOPs total. */
  flopsUnknown: string[];
}

export interface ImagesPayload {
  version: 1;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  /** One base64 string of width·height·channels bytes (0–255) per image. */
  images: { pixels: string; label?: string; prediction?: string }[];
  /** How many images the grid was given in all (it shows at most a limit). */
  total: number;
  title?: string;
}

export interface ConfusionPayload {
  version: 1;
  labels: string[];
  /** `matrix[trueClass][predictedClass]` counts. */
  matrix: number[][];
  accuracy: number;
  title?: string;
}

export interface VegaPayload {
  version: 1;
  /** A Vega-Lite (or Vega) spec object; URLs in it are never loaded. */
  spec: Record<string, unknown>;
}

/** Deltas the renderer can apply, by payload kind. */
export type LiveDelta = ChartDelta;
