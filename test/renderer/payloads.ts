// Payloads for the renderer test, made by the real runtime builders (tfjs on the CPU
// backend), so the test covers what the kernel actually sends.
import * as tf from '@tensorflow/tfjs';
import { MIME } from '../../src/kernel/protocol';
import { modelPayload } from '../../runtime/display/modelPayload';
import { tensorPayload } from '../../runtime/display/tensorPayload';
import { activationPayload } from '../../runtime/nn/activation';
import { confusionPayload } from '../../runtime/nn/confusion';
import { decisionBoundaryPayload } from '../../runtime/nn/decisionBoundary';
import { heatmapPayload } from '../../runtime/nn/heatmap';
import { imagesPayload } from '../../runtime/nn/images';
import { xyChart } from '../../runtime/nn/plotXY';
import { startTrace, type TracePayload } from '../../runtime/teach/trace/Tracer';

export interface Case { name: string; mime: string; payload: unknown; expect: Record<string, number> }

/** Each well-formed case and the data marks it must draw (by vega mark type, or 'canvas'/'td'/'tr'). */
export async function wellFormed(): Promise<Case[]> {
  await tf.setBackend('cpu');
  const m = (kind: string) => MIME.nnbook(kind);
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 8, activation: 'tanh' }), tf.layers.dense({ units: 3, activation: 'softmax' })] });
  const cases: Case[] = [
    { name: 'line, two series', mime: m('chart'), payload: xyChart('line', [{ a: [1, 2, 3], b: { x: [0, 1, 2, 3], y: [3, 2, 1, 0] } }]), expect: { symbol: 7 } },
    { name: 'scatter, classes', mime: m('chart'), payload: xyChart('point', [[[0, 0], [1, 1], [2, 0], [3, 1], [4, 0]]], { labels: [0, 1, 0, 1, 0] }), expect: { symbol: 5 } },
    { name: 'activation sigmoid + derivative', mime: m('activation'), payload: activationPayload(tf, 'sigmoid', { points: 41 }), expect: { symbol: 82 } },
    { name: 'activation softmax (bars)', mime: m('activation'), payload: activationPayload(tf, 'softmax', { input: [1, 2, 3] }), expect: { rect: 6 } },
    { name: 'heatmap of a layer', mime: m('heatmap'), payload: heatmapPayload(model.layers[0] as never), expect: { rect: 16 } },
    { name: 'tensor, small table', mime: m('tensor'), payload: tensorPayload(tf.tensor2d([[1, 2, 3], [4, 5, 6]])), expect: { td: 6 } },
    { name: 'tensor, large 2-D (heatmap + histogram)', mime: m('tensor'), payload: tensorPayload(tf.randomNormal([30, 20], 0, 1, 'float32', 1)), expect: { rect: 630 } },
    { name: 'model summary', mime: m('model'), payload: modelPayload(model as never), expect: { tr: 4 } },
    { name: 'images with a wrong prediction', mime: m('images'), payload: imagesPayload(tf.randomUniform([4, 8, 8], 0, 1, 'float32', 2), { labels: [0, 1, 2, 3], predictions: [0, 1, 2, 0] }), expect: { canvas: 4, wrong: 1 } },
    { name: 'confusion 3×3', mime: m('confusion'), payload: confusionPayload(tf, [0, 1, 2, 2, 1], [0, 2, 2, 2, 1]), expect: { rect: 9, text: 9 } },
    { name: 'nn.vega spec', mime: m('vega'), payload: { version: 1, spec: { data: { values: [{ a: 1, b: 2 }, { a: 2, b: 3 }, { a: 3, b: 1 }] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative' }, y: { field: 'b', type: 'quantitative' } } } }, expect: { symbol: 3 } },
    { name: 'decision boundary', mime: m('vega'), payload: decisionBoundaryPayload(tf, model, tf.tensor2d([[0, 0], [1, 1], [0, 1]]), [0, 1, 2], { resolution: 10 }), expect: { rect: 100, symbol: 3 } },
    { name: 'progress bar', mime: m('progress'), payload: { version: 1, epoch: 2, epochs: 5, batch: 3, batches: 10, samples: 1200, samplesPerSec: 5000, etaSec: 12, elapsedSec: 3, done: false }, expect: {} },
  ];
  // nn.trace on a 2-3-1 network, two samples: every step drawn as tables of numbers.
  const traced: TracePayload[] = [];
  const net = [{ W: [[0.1, -0.2, 0.3], [0.4, 0.5, -0.6]], b: [0, 0.1, -0.1], activation: 'tanh' as const }, { W: [[0.7], [-0.8], [0.9]], b: [0.2], activation: 'sigmoid' as const }];
  const trace = startTrace(tf, net, [[0, 1], [1, 0]], [[1], [0]], { lr: 0.5 }, (p) => traced.push(p));
  trace.back();
  trace.update();
  // forward: x 4 + y 2 + layer 0 z, a 6 + 6 + layer 1 z, a 2 + 2; backward (output layer): dL/da, f′, dL/dz 2 each, dL/dW 3, dL/db 1;
  // update: layer 0 W, dL/dW, W new 6 each, b, dL/db, b new 3 each; layer 1 3 each and 1 each
  cases.push(
    { name: 'trace forward', mime: m('trace'), payload: traced[0], expect: { td: 22 } },
    { name: 'trace backward', mime: m('trace'), payload: traced[1], expect: { td: 10 } },
    { name: 'trace update', mime: m('trace'), payload: traced[traced.length - 1], expect: { td: 39 } },
  );
  model.dispose();
  return cases;
}

const chart = { version: 1, mark: 'line', x: {}, y: {}, series: [{ name: 'a', x: [0, 1], y: [1, 2] }] };

/** Payloads that must each give the error box: [name, mime, JSON text]. */
export function malformed(): [string, string, string][] {
  const m = (kind: string) => MIME.nnbook(kind);
  const j = (v: unknown) => JSON.stringify(v);
  return [
    ['not JSON', m('chart'), '{"version": 1, "mark": '],
    ['null', m('chart'), 'null'],
    ['no version', m('chart'), j({ ...chart, version: undefined })],
    ['version 2', m('chart'), j({ ...chart, version: 2 })],
    ['unknown mark', m('chart'), j({ ...chart, mark: 'pie' })],
    ['series not an array', m('chart'), j({ ...chart, series: 'abc' })],
    ['x/y lengths differ', m('chart'), j({ ...chart, series: [{ name: 'a', x: [0, 1, 2], y: [1] }] })],
    ['a string among the numbers', m('chart'), j({ ...chart, series: [{ name: 'a', x: [0, 1], y: [1, '2'] }] })],
    ['heatmap value count', m('heatmap'), j({ version: 1, rows: 2, cols: 2, values: [1, 2, 3], scale: 'diverging', min: 1, max: 3 })],
    ['tensor size vs shape', m('tensor'), j({ version: 1, dtype: 'float32', shape: [2, 2], size: 5 })],
    ['images not base64', m('images'), j({ version: 1, width: 2, height: 2, channels: 1, total: 1, images: [{ pixels: '%%%' }] })],
    ['images wrong byte count', m('images'), j({ version: 1, width: 2, height: 2, channels: 1, total: 1, images: [{ pixels: 'AAAA' }] })],
    ['confusion not square', m('confusion'), j({ version: 1, labels: ['a', 'b'], matrix: [[1, 2]], accuracy: 0.5 })],
    ['model layers missing', m('model'), j({ version: 1, name: 'm', totalParams: 1, trainableParams: 1, flopsPerSample: 0, flopsUnknown: [] })],
    ['vega spec is a URL string', m('vega'), j({ version: 1, spec: 'https://example.invalid/spec.json' })],
    ['progress without numbers', m('progress'), j({ version: 1, epoch: 'one' })],
    ['unknown kind', m('hologram'), j({ version: 1 })],
    ['trace with an unknown step', m('trace'), j({ version: 1, step: 'sideways', lines: [] })],
    ['trace backward with a ragged matrix', m('trace'), j({ version: 1, step: 'backward', layer: 0, name: 'd', activation: 'tanh', dLda: [[1, 2], [3]], fprime: [[1]], dLdz: [[1]], dLdW: [[1]], dLdb: [1], lines: ['x'] })],
    ['vega spec with a data URL', m('vega'), j({ version: 1, spec: { data: { url: 'https://example.invalid/data.csv' }, mark: 'point' } })],
  ];
}

/** HTML/script in every text field a payload has: must be shown as text and never run. */
export function hostile(): Case[] {
  const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const m = (kind: string) => MIME.nnbook(kind);
  return [
    { name: 'chart title and series name', mime: m('chart'), payload: { version: 1, title: evil, mark: 'line', x: { title: evil }, y: {}, series: [{ name: evil, x: [0, 1], y: [1, 2] }, { name: 'b', x: [0, 1], y: [2, 1] }] }, expect: { symbol: 4 } },
    { name: 'image labels', mime: m('images'), payload: { version: 1, width: 1, height: 1, channels: 1, total: 1, images: [{ pixels: 'fw==', label: evil, prediction: 'x' }] }, expect: { canvas: 1 } },
    { name: 'model layer name', mime: m('model'), payload: { version: 1, name: evil, layers: [{ name: evil, className: evil, outputShape: evil, params: 1 }], totalParams: 1, trainableParams: 1, flopsPerSample: 0, flopsUnknown: [evil] }, expect: { tr: 3 } },
    { name: 'trace layer name and lines', mime: m('trace'), payload: { version: 1, step: 'backward', layer: 0, name: evil, activation: evil, dLda: [[1]], fprime: [[1]], dLdz: [[1]], dLdW: [[1]], dLdb: [1], dLdaPrev: [[1]], shapes: {}, lines: [evil] }, expect: { td: 5 } },
    { name: 'string tensor', mime: m('tensor'), payload: { version: 1, dtype: 'string', shape: [1], size: 1, values: [evil] }, expect: { td: 1 } },
  ];
}
