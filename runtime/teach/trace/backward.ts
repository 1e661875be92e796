import type { ForwardPayload, TraceLayer } from './forward';
import { lossAndGrad } from './forward';
import { ACTIVATIONS, fmt, fmtFactor, map2, matMul, shape, sumRows, transpose, type Matrix } from './math';

/** One layer of backprop, with the numbers and the chain-rule lines. */
export interface BackwardPayload {
  version: 1;
  step: 'backward';
  /** 0-based layer index (the output layer first) */
  layer: number;
  name: string;
  activation: string;
  dLda: Matrix;
  /** f′(z), elementwise */
  fprime: Matrix;
  dLdz: Matrix;
  dLdW: Matrix;
  dLdb: number[];
  /** dL/da of the layer below (what the next step starts from) */
  dLdaPrev: Matrix;
  shapes: Record<'dLda' | 'dLdz' | 'dLdW' | 'dLdb' | 'dLdaPrev', number[]>;
  lines: string[];
}

export interface UpdatePayload {
  version: 1;
  step: 'update';
  lr: number;
  layers: { name: string; W: Matrix; dLdW: Matrix; Wnew: Matrix; b: number[]; dLdb: number[]; bNew: number[] }[];
  lines: string[];
}

/** dL/da of the output layer: where backprop starts. */
export function outputGrad(fw: ForwardPayload): Matrix {
  return lossAndGrad(fw.loss.name, fw.layers[fw.layers.length - 1].a, fw.y).dA;
}

/**
 * Backprop through one layer: dL/dz = dL/da ⊙ f′(z); dL/dW = a_prevᵀ·dL/dz;
 * dL/db = Σ_samples dL/dz; dL/da_prev = dL/dz·Wᵀ. Pure: numbers in, numbers out.
 *
 * @example
 * let dA = outputGrad(fw);
 * const top = backwardStep(fw, fw.layers.length - 1, dA); // the output layer
 * dA = top.dLdaPrev;                                       // then the layer below
 */
export function backwardStep(fw: ForwardPayload, layer: number, dLda: Matrix): BackwardPayload {
  const L = fw.layers[layer];
  const aPrev = layer === 0 ? fw.x : fw.layers[layer - 1].a;
  const act = ACTIVATIONS[L.activation];
  const fprime = map2(L.z, L.a, act.df);
  const dLdz = map2(dLda, fprime, (g, d) => g * d);
  const dLdW = matMul(transpose(aPrev), dLdz);
  const dLdb = sumRows(dLdz);
  const dLdaPrev = matMul(dLdz, transpose(L.W));
  const n = fw.x.length, k = layer + 1;
  const terms = aPrev.map((r, s) => `${fmtFactor(r[0])}·${fmtFactor(dLdz[s][0])}`);
  const lines = [
    `layer ${k} (${L.name}), ${act.formula}`,
    `dL/dz${k} = dL/da${k} ⊙ f′(z${k});  sample 1, unit 1: ${fmtFactor(dLda[0][0])} × ${fmtFactor(fprime[0][0])} = ${fmt(dLdz[0][0])}`,
    `dL/dW${k} = a${k - 1}ᵀ · dL/dz${k}  [${shape(dLdW)}];  [0,0] = ${terms.slice(0, 4).join(' + ')}${n > 4 ? ' + …' : ''} = ${fmt(dLdW[0][0])}`,
    `dL/db${k} = Σ_samples dL/dz${k}  [${dLdb.length}];  [0] = ${fmt(dLdb[0])}`,
    `dL/da${k - 1} = dL/dz${k} · W${k}ᵀ  [${shape(dLdaPrev)}]${layer === 0 ? ' (the input: not used)' : ''}`,
  ];
  return {
    version: 1, step: 'backward', layer, name: L.name, activation: L.activation,
    dLda, fprime, dLdz, dLdW, dLdb, dLdaPrev,
    shapes: { dLda: shape(dLda), dLdz: shape(dLdz), dLdW: shape(dLdW), dLdb: [dLdb.length], dLdaPrev: shape(dLdaPrev) },
    lines,
  };
}

/**
 * W ← W − η·dL/dW and b ← b − η·dL/db for every layer (grads in layer order).
 *
 * @example
 * const up = updateStep(net, grads, 0.5); up.layers[0].Wnew;
 */
export function updateStep(net: TraceLayer[], grads: { dLdW: Matrix; dLdb: number[] }[], lr: number): UpdatePayload {
  const layers = net.map((l, i) => {
    const g = grads[i];
    if (!g) throw new Error(`nn.trace: layer ${i + 1} has no gradient yet — step backward through every layer first`);
    return { name: l.name, W: l.W, dLdW: g.dLdW, Wnew: map2(l.W, g.dLdW, (w, d) => w - lr * d), b: l.b, dLdb: g.dLdb, bNew: l.b.map((v, j) => v - lr * g.dLdb[j]) };
  });
  const lines = layers.map((l, i) => `W${i + 1}[0,0] ← ${fmt(l.W[0][0])} − ${lr}·${fmtFactor(l.dLdW[0][0])} = ${fmt(l.Wnew[0][0])};  b${i + 1}[0] ← ${fmt(l.b[0])} − ${lr}·${fmtFactor(l.dLdb[0])} = ${fmt(l.bNew[0])}`);
  return { version: 1, step: 'update', lr, layers, lines };
}
