import type * as tfjs from '@tensorflow/tfjs';
import type { ProgressPayload } from '../display/payloads';
import type { DisplaySink, OpenOutputs } from './DisplaySink';
import { DELTA_MS, LiveChart } from './LiveChart';

/** A live loss chart for hand-written training loops (`nn.plot.loss()`). */
export interface LossChart {
  readonly displayId: string;
  /**
   * Adds one step's metrics: numbers, or scalar tensors (read asynchronously, never
   * with a blocking read). `val_`-prefixed keys are drawn as validation curves.
   */
  push(metrics: Record<string, number | tfjs.Tensor>, step?: number): void;
  /** Replaces the live output with the final picture (also done when the cell ends). */
  done(): void;
}

export interface LossChartOptions {
  title?: string;
  /** Which metrics to draw (default: every key pushed). */
  metrics?: string[];
  xTitle?: string;
}

/** Where a metric goes: its panel (loss, acc, …) and its series (train / validation). */
export function metricSeries(key: string, phase: 'batch' | 'epoch' | 'step'): { panel: string; name: string; dash: boolean } {
  const val = key.startsWith('val_');
  const panel = val ? key.slice(4) : key;
  if (val) return { panel, name: 'validation', dash: true };
  return { panel, name: phase === 'step' ? 'train' : `train (${phase})`, dash: false };
}

/**
 * `nn.plot.loss()`: a live chart, one panel per metric, for loops that call
 * `chart.push({ loss, acc })` once a step.
 *
 * @example
 * const chart = nn.plot.loss();
 * for (let step = 0; step < 200; step++) chart.push({ loss: optimizer.minimize(f, true) });
 */
export function lossChart(sink: DisplaySink, opts: LossChartOptions = {}, open?: OpenOutputs): LossChart & { chart: LiveChart } {
  const chart = new LiveChart(sink, { title: opts.title ?? 'training', mark: 'line', x: { title: opts.xTitle ?? 'step' }, y: { title: 'value' }, logToggle: true }, undefined, open).show();
  let step = 0;
  const wanted = (k: string) => !opts.metrics || opts.metrics.includes(k) || opts.metrics.includes(k.replace(/^val_/, ''));
  return {
    chart,
    displayId: chart.displayId,
    push(metrics, at) {
      const x = at ?? ++step;
      if (at !== undefined) step = at;
      for (const [key, value] of Object.entries(metrics)) {
        if (!wanted(key)) continue;
        const where = metricSeries(key, 'step');
        if (typeof value === 'number') { chart.add(where.name, x, value, where); continue; }
        if (value && typeof (value as tfjs.Tensor).data === 'function') {
          // A clone shares the data (no copy) and survives the caller disposing the tensor.
          const copy = (value as tfjs.Tensor).clone();
          copy.data().then((d) => { chart.add(where.name, x, Number(d[0]), where); chart.tick(); }, () => undefined).finally(() => copy.dispose());
        }
      }
      chart.tick();
    },
    done: () => chart.finish(),
  };
}

export interface FitCallbackOptions {
  title?: string;
  /** Which metrics to draw (default: all the model reports). */
  metrics?: string[];
  /** Also draw a point per batch (default true); epochs are always drawn. */
  batches?: boolean;
}

interface FitParams { epochs?: number; initialEpoch?: number; samples?: number; steps?: number; batchSize?: number }

/**
 * `nn.fitCallbacks()`: callbacks for `model.fit` / `fitDataset` that draw every metric
 * per batch and per epoch (train and validation) live, with a progress bar. It reads
 * only the numbers tfjs has already resolved in `logs`: no tensor read of its own.
 *
 * @example
 * await model.fit(xs, ys, { epochs: 20, validationSplit: 0.2, callbacks: nn.fitCallbacks() });
 */
export function fitCallbacks(sink: DisplaySink, opts: FitCallbackOptions = {}, now: () => number = () => performance.now(), open?: OpenOutputs) {
  let chart: LiveChart | undefined;
  let params: FitParams = {};
  let t0 = 0, samples = 0, epoch = 0, batch = 0, batches = 0, seenBatches = 0, epochsDone = 0;
  const wanted = (k: string) => k !== 'batch' && k !== 'size' && (!opts.metrics || opts.metrics.includes(k.replace(/^val_/, '')));
  // per batch only a lookup: where each metric goes is worked out once per key
  const where = new Map<string, ReturnType<typeof metricSeries> | null>();
  const seriesOf = (k: string, phase: 'batch' | 'epoch') => {
    const key = `${phase} ${k}`;
    let w = where.get(key);
    if (w === undefined) { w = wanted(k) ? metricSeries(k, phase) : null; where.set(key, w); }
    return w;
  };
  // the bar is sent at most once per DELTA_MS: building it every batch would be thrown away
  let progressAt = -Infinity;
  const progress = (done: boolean, at = now()): ProgressPayload => {
    progressAt = at;
    const elapsedSec = (at - t0) / 1000;
    const epochs = params.epochs ? params.epochs - (params.initialEpoch ?? 0) : 0;
    const p: ProgressPayload = { version: 1, epoch: epoch + 1, epochs, batch, batches, samples, samplesPerSec: elapsedSec > 0 ? samples / elapsedSec : 0, elapsedSec, done };
    const perEpoch = batches || seenBatches;
    if (!done && epochs > 0 && perEpoch > 0) {
      const doneFrac = (epochsDone + Math.min(batch / perEpoch, 1)) / epochs;
      if (doneFrac > 0) p.etaSec = (elapsedSec / doneFrac) * (1 - doneFrac);
    }
    return p;
  };
  return {
    // `function`, not arrows: tfjs calls these with its CustomCallback as `this`, which holds the fit's params.
    onTrainBegin(this: { params?: FitParams } | undefined): void {
      params = this?.params ?? {};
      t0 = now();
      chart = new LiveChart(sink, { title: opts.title ?? 'training', mark: 'line', x: { title: 'epoch' }, y: { title: 'value' }, logToggle: true }, now, open);
      chart.setProgress(progress(false));
      chart.show();
    },
    onEpochBegin(ep: number): void {
      epoch = ep - (params.initialEpoch ?? 0);
      batch = 0;
      batches = params.steps ?? (params.samples && params.batchSize ? Math.ceil(params.samples / params.batchSize) : 0);
    },
    onBatchEnd(b: number, logs?: Record<string, unknown>): void {
      if (!chart) return;
      batch = b + 1;
      samples += typeof logs?.size === 'number' ? logs.size : params.batchSize ?? 0;
      if (opts.batches !== false && logs) {
        const perEpoch = batches || seenBatches || batch;
        const x = epoch + batch / perEpoch;
        for (const k in logs) {
          const v = logs[k], w = typeof v === 'number' ? seriesOf(k, 'batch') : null;
          if (w) chart.add(w.name, x, v as number, w);
        }
      }
      const t = now();
      if (t - progressAt >= DELTA_MS) chart.setProgress(progress(false, t));
      chart.tick();
    },
    onEpochEnd(_ep: number, logs?: Record<string, unknown>): void {
      if (!chart) return;
      epochsDone++;
      seenBatches = Math.max(seenBatches, batch);
      for (const [k, v] of Object.entries(logs ?? {})) { const w = typeof v === 'number' ? seriesOf(k, 'epoch') : null; if (w) chart.add(w.name, epoch + 1, v as number, w); }
      chart.setProgress(progress(false));
      chart.tick();
    },
    onTrainEnd(): void {
      if (!chart) return;
      chart.setProgress(progress(true));
      chart.finish();
    },
  };
}
