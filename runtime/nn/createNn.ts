import type * as tfjs from '@tensorflow/tfjs';
import type { OutputItem } from '../../src/kernel/protocol';
import { MIME } from '../../src/kernel/protocol';
import { formatValue, SHOWN } from '../display/formatValue';
import { activationPayload, type ActivationOptions } from './activation';
import { confusionPayload, type ConfusionOptions } from './confusion';
import { showCost, type CostOptions, type CostReport } from './cost';
import { decisionBoundaryPayload, decisionBoundarySource, type DecisionBoundaryOptions } from './decisionBoundary';
import { OpenOutputs, type DisplaySink } from './DisplaySink';
import { heatmapPayload, heatmapPayloadAsync, type HeatmapOptions } from './heatmap';
import { liveSnapshotPlot, type LivePlot } from './liveLayerPlot';
import { newDisplayId } from './ids';
import { imagesPayload, type ImagesOptions } from './images';
import { featureMapsPayload, type FeatureMapsOptions } from './featureMaps';
import { xyChart, type SeriesMap, type XYOptions } from './plotXY';
import type { Numeric } from './toNumbers';
import { createData, type NnData } from '../data/createData';
import type { FitRoute } from '../fast/fastFit';
import { fastFitControl } from '../fast/fastFitControl';
import { markLogsOnly } from '../fast/fitCallbackList';
import type { MnistLoader } from '../data/mnist';
import { createTeach, type NnTeach } from '../teach/createTeach';
import { unavailableFiles, type NnFiles } from '../host/createFiles';
import { fitCallbacks, lossChart, type FitCallbackOptions, type LossChart, type LossChartOptions } from './trainingPlot';

/** What every `nn.plot.*` returns: the output's display id (for live updates). */
export interface Shown {
  readonly displayId: string;
}

export interface NnPlot {
  /** A line chart: `line(ys)`, `line(xs, ys)`, `line({ name: ys, … })`. */
  line(a: Numeric | SeriesMap, b?: Numeric | XYOptions, opts?: XYOptions): Shown;
  /** A scatter plot: `scatter(xs, ys)`, `scatter(points2d, { labels })`. */
  scatter(a: Numeric | number[][] | SeriesMap, b?: Numeric | XYOptions, opts?: XYOptions): Shown;
  /**
   * A tensor or a layer's weights on a diverging scale centred at 0. With `every: N`
   * it is live: the result is also a model.fit callback that redraws the weights every
   * N batches (at most twice a second; final picture at cell end).
   *
   * @example
   * await model.fit(x, y, { callbacks: [nn.fitCallbacks(), nn.plot.heatmap(model.layers[0], { every: 10 })] });
   */
  heatmap(source: tfjs.Tensor | tfjs.layers.Layer, opts: HeatmapOptions & { every: number }): LivePlot;
  heatmap(source: tfjs.Tensor | tfjs.layers.Layer, opts?: HeatmapOptions): Shown;
  /** f and f′ of an activation (by name or function); softmax over a vector. */
  activation(nameOrFn: string | ((x: tfjs.Tensor) => tfjs.Tensor), opts?: ActivationOptions): Shown;
  /** An image grid, wrong predictions marked. */
  images(x: tfjs.Tensor, opts?: ImagesOptions): Shown;
  /**
   * One example's channels as grey images: a conv layer's output [1, h, w, c] (or a
   * kernel squeezed to [kh, kw, filters]); each map stretched to its own range.
   *
   * @example
   * nn.plot.featureMaps(conv1Output, { title: 'what conv1 sees in one digit' });
   */
  featureMaps(x: tfjs.Tensor, opts?: FeatureMapsOptions): Shown;
  /** A confusion matrix of true vs predicted classes. */
  confusion(yTrue: Numeric | number[][], yPred: Numeric | number[][], opts?: ConfusionOptions): Shown;
  /** A live chart for hand-written loops: `chart.push({ loss })`. */
  loss(opts?: LossChartOptions): LossChart;
  /**
   * Predicted class regions of a 2-D classifier, with the points. With `every: N` it
   * is live, like `heatmap`: the result is also a model.fit callback.
   *
   * @example
   * await model.fit(xs, ys, { epochs: 50, callbacks: [nn.plot.decisionBoundary(model, xs, ys, { every: 20 })] });
   */
  decisionBoundary(model: tfjs.LayersModel, x: tfjs.Tensor | number[][], y: Numeric | number[][], opts: DecisionBoundaryOptions & { every: number }): LivePlot;
  decisionBoundary(model: tfjs.LayersModel, x: tfjs.Tensor | number[][], y: Numeric | number[][], opts?: DecisionBoundaryOptions): Shown;
}

/** The `nn` helpers every cell has (also `import * as nn from 'nnbook'`). */
export interface Nn extends NnTeach {
  /** Offline, seeded datasets (xor, moons, circles, spirals, sine, noisySeries, windows, traffic, mnist). */
  data: NnData;
  /** Files of the notebook's workspace folder: `await nn.files.read('data/traffic.csv')`, `write`, `readBytes`, `csv`. */
  files: NnFiles;
  /**
   * Whether `model.fit` may train a Sequential of Dense layers through nnbook's fused fast
   * path (default true). `false`: every fit runs tfjs's own loop (one fit: option `fast: false`).
   *
   * @example
   * nn.fast = false; await model.fit(x, y, { epochs: 5 }); nn.lastFit; // { path: 'tfjs', reason: 'nn.fast is false' }
   */
  fast: boolean;
  /**
   * Which path the last model.fit took: 'fast-js', 'fast-host', 'fast-kernels', or 'tfjs' with
   * the reason; on 'fast-host' with mostly-zero inputs (MNIST) also `sparseInput`, the
   * fraction of non-zero inputs, when the first layer skipped the zeros.
   */
  readonly lastFit: FitRoute | undefined;
  /** Shows a value under the cell now: a tensor (table, heatmap, histogram), a model (summary), anything (text). */
  show(value: unknown): void;
  /** Charts and pictures. */
  plot: NnPlot;
  /** Any Vega-Lite spec (data inline; URLs are not loaded). */
  vega(spec: Record<string, unknown>): Shown;
  /**
   * What training a model costs: parameters, forward FLOPs per sample per layer, FLOPs per
   * epoch (training ≈ 3 × forward) and, with the measured `seconds`, an energy estimate;
   * shown as a table with its assumptions.
   *
   * @example
   * const t0 = performance.now();
   * await model.fit(xs, ys, { epochs: 200, batchSize: 4 });
   * nn.cost(model, { samples: 4, epochs: 200, seconds: (performance.now() - t0) / 1000 });
   */
  cost(model: tfjs.LayersModel, opts: CostOptions): CostReport;
  /** Callbacks for model.fit / fitDataset: live metrics and a progress bar. */
  fitCallbacks(opts?: FitCallbackOptions): ReturnType<typeof fitCallbacks>;
  /** The tfjs backend running the cells and its memory. */
  memory(): { backend: string; numTensors: number; numBytes: number };
  /** Switches the tfjs backend ('webgl', 'wasm', 'cpu', 'auto'); resolves to a line saying what runs now. */
  backend(name: string): Promise<string>;
  /** For the runtime: finishes the live outputs still open (call when a cell ends). */
  endCell(): void;
}

/**
 * Makes the `nn` object a kernel binds for its cells.
 *
 * @example
 * const nn = createNn({ tf, display: (items, id) => post({ type: 'display', id: cellId, displayId: id, items }),
 *   update: (displayId, delta) => post({ type: 'update', displayId, delta }) });
 * nn.plot.line([1, 4, 9, 16]);
 */
export function createNn(deps: {
  tf: typeof tfjs;
  switchBackend?: (name: string) => Promise<{ backend: string; detail: string }>;
  mnistLoader?: MnistLoader;
  /** True once the running cell is interrupted (nn.fit stops between batches). */
  shouldStop?: () => boolean;
  /** `nn.files`, served by the kernel's host. */
  files?: NnFiles;
} & DisplaySink): Nn {
  const { tf } = deps;
  const sink: DisplaySink = { display: deps.display, ...(deps.update ? { update: deps.update } : {}) };
  const open = new OpenOutputs();
  const emit = (kind: string, payload: unknown): Shown => {
    const displayId = newDisplayId(kind);
    const items: OutputItem[] = [{ mime: MIME.nnbook(kind), data: JSON.stringify(payload) }];
    sink.display(items, displayId);
    return { displayId, [SHOWN]: true } as Shown;
  };
  const xy = (mark: 'line' | 'point', a: unknown, b: unknown, opts?: XYOptions) => {
    const optsFirst = b !== undefined && typeof b === 'object' && !Array.isArray(b) && !ArrayBuffer.isView(b) && typeof (b as tfjs.Tensor).dataSync !== 'function';
    return emit('chart', optsFirst ? xyChart(mark, [a], b as XYOptions) : xyChart(mark, b === undefined ? [a] : [a, b], opts));
  };
  // nn.check prints plain text lines under the cell; nn.trace's steps are drawn as the
  // `trace` kind (tables of numbers), with their lines as the text/plain fallback.
  const teach = createTeach(tf, (line) => sink.display([{ mime: MIME.text, data: line }]),
    (p) => sink.display([{ mime: MIME.nnbook('trace'), data: JSON.stringify(p) }, { mime: MIME.text, data: p.lines.join('\n') }]));
  return {
    ...teach,
    data: createData(tf, deps.mnistLoader),
    files: deps.files ?? unavailableFiles(),
    get fast() { return fastFitControl.enabled; },
    set fast(on: boolean) {
      if (typeof on !== 'boolean') throw new TypeError(`nn.fast: expected true or false, got ${String(on)}`);
      fastFitControl.enabled = on;
    },
    get lastFit() { return fastFitControl.last; },
    show(value) {
      const items = formatValue(value);
      if (items) sink.display(items);
    },
    plot: {
      line: (a, b, opts) => xy('line', a, b, opts),
      scatter: (a, b, opts) => xy('point', a, b, opts),
      heatmap: ((source: tfjs.Tensor | tfjs.layers.Layer, opts?: HeatmapOptions) => {
        if (opts?.every === undefined) return emit('heatmap', heatmapPayload(source as never, opts));
        return liveSnapshotPlot(sink, 'heatmap', () => heatmapPayloadAsync(source as never, opts), () => heatmapPayload(source as never, opts), opts.every, open);
      }) as NnPlot['heatmap'],
      activation: (nameOrFn, opts) => emit('activation', activationPayload(tf, nameOrFn, opts)),
      images: (x, opts) => emit('images', imagesPayload(x, opts)),
      featureMaps: (x, opts) => emit('images', featureMapsPayload(x, opts)),
      confusion: (yTrue, yPred, opts) => emit('confusion', confusionPayload(tf, yTrue, yPred, opts)),
      loss: (opts) => { const c = lossChart(sink, opts, open); return { displayId: c.displayId, push: c.push, done: c.done, [SHOWN]: true } as LossChart; },
      decisionBoundary: ((model: tfjs.LayersModel, x: tfjs.Tensor | number[][], y: Numeric | number[][], opts?: DecisionBoundaryOptions) => {
        if (opts?.every === undefined) return emit('vega', decisionBoundaryPayload(tf, model, x, y, opts));
        const { predict, build } = decisionBoundarySource(tf, model, x, y, opts); // the points are read once
        const read = async () => { const t = predict(); try { return build(await t.data() as ArrayLike<number>); } finally { t.dispose(); } };
        const readSync = () => { const t = predict(); try { return build(t.dataSync()); } finally { t.dispose(); } };
        return liveSnapshotPlot(sink, 'vega', read, readSync, opts.every, open);
      }) as NnPlot['decisionBoundary'],
    },
    vega(spec) {
      if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new TypeError('nn.vega: expected a Vega-Lite spec object');
      return emit('vega', { version: 1, spec });
    },
    cost: (model, opts) => showCost(sink, model, opts),
    fitCallbacks: (opts) => markLogsOnly(fitCallbacks(sink, opts, undefined, open)), // it reads logs, never weights: no weight sync per batch on the fast path
    memory() {
      const m = tf.memory();
      return { backend: tf.getBackend(), numTensors: m.numTensors, numBytes: m.numBytes };
    },
    async backend(name) {
      if (!deps.switchBackend) throw new Error('nn.backend: this kernel cannot switch backends (the node kernel has wasm and cpu: set nnbook.kernel.backend and restart the kernel)');
      return (await deps.switchBackend(name)).detail;
    },
    endCell: () => open.finishAll(),
  };
}
