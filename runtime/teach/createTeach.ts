import type * as tfjs from '@tensorflow/tfjs';
import { SHOWN } from '../display/formatValue';
import { check, type CheckNumbers, type CheckResult } from './check';
import { compareGradients, type CompareResult } from './compareGradients';
import { gradCheck, type GradCheckOptions, type GradCheckParams, type GradCheckResult } from './gradCheck';
import { seed } from './seed';
import type { LayerSource } from './trace/forward';
import type { Matrix } from './trace/math';
import { startTrace, type Trace, type TraceOptions, type TracePayload } from './trace/Tracer';

/** The teaching helpers on `nn`: checkpoints, gradient checks, seeding. */
export interface NnTeach {
  /** ✓ message (numbers) under the cell, or fail the cell with the numbers. */
  check(condition: unknown, message: string, numbers?: CheckNumbers): CheckResult;
  /** Finite differences (ε = 1e-2) against tfjs autodiff, per parameter. */
  gradCheck(lossFn: () => tfjs.Scalar, params: GradCheckParams, opts?: GradCheckOptions): GradCheckResult;
  /** Hand-written gradients against autodiff's, per parameter. */
  compareGradients(handGrads: Record<string, tfjs.Tensor> | tfjs.Tensor[], autodiffGrads: Record<string, tfjs.Tensor> | tfjs.Tensor[], opts?: { tolerance?: number; floor?: number }): CompareResult;
  /** Seeds initialisers, dropout, shuffles and the datasets. */
  seed(n: number): void;
  /** Backprop step by step: forward now, then `back()` one layer per call, then `update()`. */
  trace(source: tfjs.LayersModel | LayerSource[], x: tfjs.Tensor | Matrix, y: tfjs.Tensor | Matrix, opts?: TraceOptions): Trace;
}

/**
 * Binds the teaching helpers to tfjs and a line printer (the kernel shows text/plain).
 * `showTrace` draws a trace step (e.g. as the `trace` output kind); without it the
 * step's lines are printed.
 *
 * @example
 * const teach = createTeach(tf, (line) => sink.display([{ mime: 'text/plain', data: line }]));
 * teach.seed(1);
 * teach.check(acc >= 0.94, 'test accuracy ≥ 0.94', { acc });
 */
export function createTeach(tf: typeof tfjs, print: (line: string) => void, showTrace?: (payload: TracePayload) => void): NnTeach {
  const show = showTrace ?? ((p: TracePayload) => print(p.lines.join('\n')));
  return {
    // Already printed: as a cell's last expression it would show twice.
    check: (condition, message, numbers) => Object.assign(check(condition, message, numbers, print), { [SHOWN]: true }),
    gradCheck: (lossFn, params, opts) => gradCheck(tf, lossFn, params, opts),
    compareGradients: (h, a, opts) => compareGradients(h, a, opts),
    seed: (n) => seed(n),
    trace: (source, x, y, opts) => startTrace(tf, source, x, y, opts, show),
  };
}
