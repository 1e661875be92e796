import { activationKind } from './activation';
import { chartKind } from './chart';
import { confusionKind } from './confusion';
import { heatmapKind } from './heatmap';
import { imagesKind } from './images';
import type { Kind } from './Kind';
import { modelKind } from './model';
import { progressKind } from './progress';
import { tensorKind } from './tensor';
import { traceKind } from './trace';
import { vegaKind } from './vega';

/** Every kind this renderer draws, by the `<kind>` of `application/vnd.nnbook.<kind>+json`. */
export const KINDS: Record<string, Kind<never>> = {
  chart: chartKind, activation: activationKind, heatmap: heatmapKind, tensor: tensorKind, model: modelKind,
  images: imagesKind, confusion: confusionKind, progress: progressKind, vega: vegaKind, trace: traceKind,
} as unknown as Record<string, Kind<never>>;
