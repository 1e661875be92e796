import type * as tfjs from '@tensorflow/tfjs';
import { SHOWN } from '../../display/formatValue';
import { backwardStep, outputGrad, updateStep, type BackwardPayload, type UpdatePayload } from './backward';
import { forwardTrace, readNet, type ForwardPayload, type LayerSource, type TraceLayer, type TraceLoss } from './forward';
import type { Matrix } from './math';

export type TracePayload = ForwardPayload | BackwardPayload | UpdatePayload;

export interface TraceOptions {
  /** default 'mse' */
  loss?: TraceLoss;
  /** learning rate η for `update()` (default 0.5) */
  lr?: number;
}

/** The stepper a cell holds: one `back()` per cell, then `update()`. */
export interface Trace {
  readonly forward: ForwardPayload;
  /** The backward steps taken so far (output layer first). */
  readonly steps: readonly BackwardPayload[];
  /** True when every layer has been stepped through. */
  readonly done: boolean;
  /** Backprop through the next layer down; shows and returns its numbers. */
  back(): BackwardPayload;
  /** Steps through the layers left, then W ← W − η·dL/dW; writes the weights back into the model / variables. */
  update(): UpdatePayload;
}

const toMatrix = (v: tfjs.Tensor | Matrix): Matrix => {
  const m = Array.isArray(v) ? v : (v.arraySync() as number[] | Matrix);
  return (m as unknown[]).map((r) => (Array.isArray(r) ? (r as number[]) : [r as number]));
};

/**
 * Marks a value that a step has already drawn: as a cell's last expression
 * (`t.back()`) it would otherwise be printed a second time, as a long text dump.
 * Non-enumerable, so payloads compare and serialise as before.
 */
const markShown = <T extends object>(value: T): T => Object.defineProperty(value, SHOWN, { value: true });

/**
 * Starts a backprop trace: runs the forward pass (shown at once), then each `back()`
 * shows one layer's dL/da, f′(z), dL/dz, dL/dW, dL/db with the chain rule in numbers,
 * and `update()` shows and applies the gradient-descent step. Everything shown is a plain
 * payload (`emit` decides how to draw it); float64 arithmetic, equal to tfjs autodiff to
 * float32 precision (tests).
 *
 * @example
 * const t = nn.trace(model, xs, ys, { loss: 'mse', lr: 0.5 });   // forward pass
 * t.back();   // output layer   (next cell)
 * t.back();   // hidden layer   (next cell)
 * t.update(); // W ← W − η·dL/dW
 */
export function startTrace(tf: typeof tfjs, source: tfjs.LayersModel | LayerSource[], x: tfjs.Tensor | Matrix, y: tfjs.Tensor | Matrix, opts: TraceOptions = {}, emit?: (p: TracePayload) => void): Trace {
  // Only what is drawn is marked shown; without `emit` the payloads are plain values.
  const shown = emit ? markShown : <T extends object>(v: T): T => v;
  const show = (p: TracePayload): void => { emit?.(shown(p)); };
  const lr = opts.lr ?? 0.5;
  const net: TraceLayer[] = readNet(source);
  const fw = forwardTrace(net, toMatrix(x), toMatrix(y), opts.loss ?? 'mse');
  show(fw);
  const steps: BackwardPayload[] = [];
  let dA = outputGrad(fw);
  let updated = false;
  const back = (): BackwardPayload => {
    const layer = net.length - 1 - steps.length;
    if (layer < 0) throw new Error('nn.trace: every layer has been stepped through — call update()');
    const s = backwardStep(fw, layer, dA);
    dA = s.dLdaPrev;
    steps.push(s);
    show(s);
    return s;
  };
  return shown({
    forward: fw,
    steps,
    get done() { return steps.length === net.length; },
    back,
    update() {
      if (updated) throw new Error('nn.trace: this trace has already updated the weights — start a new trace');
      while (steps.length < net.length) back();
      const grads = net.map((_, i) => steps[net.length - 1 - i]);
      const up = updateStep(net, grads, lr);
      writeBack(tf, source, up);
      updated = true;
      show(up);
      return up;
    },
  });
}

/** Puts the updated weights into the model or the hand-written variables. */
function writeBack(tf: typeof tfjs, source: tfjs.LayersModel | LayerSource[], up: UpdatePayload): void {
  if (!Array.isArray(source)) {
    source.layers.forEach((layer, i) => {
      const ws = tf.tidy(() => [tf.tensor2d(up.layers[i].Wnew), tf.tensor1d(up.layers[i].bNew)]);
      layer.setWeights(layer.getWeights().length > 1 ? ws : [ws[0]]);
      tf.dispose(ws);
    });
    return;
  }
  source.forEach((l, i) => {
    const set = (target: LayerSource['W'] | LayerSource['b'], value: number[] | Matrix) => {
      if (Array.isArray(target)) { target.splice(0, target.length, ...(value as never[])); return; }
      if (typeof (target as tfjs.Variable).assign === 'function') {
        const t = tf.tensor(value as number[], (target as tfjs.Tensor).shape);
        (target as tfjs.Variable).assign(t);
        t.dispose();
      }
    };
    set(l.W, up.layers[i].Wnew);
    set(l.b, up.layers[i].bNew);
  });
}
