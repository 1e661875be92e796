/**
 * The cells the benchmark runs in a real nnbook kernel. They use the training API that
 * samples/06-mnist-mlp.nnbook teaches (`tf.sequential` of dense layers, `compile` with
 * 'adam' and 'sparseCategoricalCrossentropy', `model.fit` with `nn.fitCallbacks`), time
 * each epoch inside the cell with `performance.now`, and print one marked JSON line.
 */

/** Marks the line a benchmark cell prints its result on. */
export const RESULT_MARK = '@@nnbook-bench ';

export interface MnistCellOptions {
  /** epochs in all; the first is warm-up and not counted (default 4) */
  epochs?: number;
  /** draw the live chart as the sample does (default true) */
  liveChart?: boolean;
  /** `nn.fast` for this cell: false runs tfjs's own model.fit loop (the "before"); default true */
  fast?: boolean;
}

/** Result line of mnistCell: per-epoch ms and logs. */
export interface MnistCellResult {
  backend: string;
  samples: number;
  epochMs: number[];
  /** CPU ms of the kernel process per epoch (less sensitive than wall time to other load), null where unavailable */
  epochCpuMs: number[] | null;
  loss: number[];
  acc: number[];
  /** nn.lastFit: which path model.fit took */
  route: { path: string; reason?: string } | null;
}

/**
 * 784-128-10 ReLU/softmax, Adam 1e-3 ('adam' is tfjs's Adam at 0.001), batch 128, on all
 * 10,000 shipped digits (`nn.data.mnist` with train 10000, test 0).
 */
export function mnistCell(opts: MnistCellOptions = {}): string {
  const epochs = opts.epochs ?? 4;
  const live = opts.liveChart ?? true;
  return `
nn.fast = ${opts.fast ?? true};
nn.seed(1);
const benchData = await nn.data.mnist({ train: 10000, test: 0, seed: 1 });
const benchModel = tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }),
  tf.layers.dense({ units: 10, activation: 'softmax' }),
] });
benchModel.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
const benchEpochMs: number[] = [];
const benchCpuMs: number[] = [];
const benchCpu = () => { const p = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process; const u = p?.cpuUsage?.(); return u ? (u.user + u.system) / 1000 : NaN; };
let benchT0 = 0, benchC0 = 0;
const benchTimer = {
  onEpochBegin: async () => { benchT0 = performance.now(); benchC0 = benchCpu(); },
  onEpochEnd: async () => { benchEpochMs.push(performance.now() - benchT0); benchCpuMs.push(benchCpu() - benchC0); },
};
const benchHistory = await benchModel.fit(benchData.xTrain, benchData.yTrain, {
  epochs: ${epochs}, batchSize: 128, shuffle: true,
  callbacks: ${live ? "[nn.fitCallbacks({ title: 'bench 784-128-10' }), benchTimer]" : '[benchTimer]'},
});
console.log(${JSON.stringify(RESULT_MARK)} + JSON.stringify({
  backend: tf.getBackend(), samples: benchData.xTrain.shape[0], epochMs: benchEpochMs,
  epochCpuMs: benchCpuMs.every((v) => Number.isFinite(v)) ? benchCpuMs : null,
  loss: benchHistory.history.loss, acc: benchHistory.history.acc ?? benchHistory.history.accuracy,
  route: nn.lastFit ?? null,
}));
tf.dispose([benchData.xTrain, benchData.yTrain, benchData.xTest, benchData.yTest]);
benchModel.dispose();
nn.fast = true;
`;
}

/** Result line of xorCell. */
export interface XorCellResult {
  backend: string;
  fitMs: number;
  fitLoss: number;
  /** nn.lastFit after the model.fit */
  route: { path: string; reason?: string } | null;
  /** the same model.fit with nn.fast = false (tfjs's own loop) */
  tfjsFitMs: number;
  tfjsFitLoss: number;
  loopMs: number;
  loopLoss: number;
}

/**
 * XOR 2-3-1 sigmoid, SGD lr 1.0, MSE, 2000 epochs of the 4 cases (batch 4), as the peer
 * does it: with `model.fit` (timed around the call; nnbook's fast path, then again with
 * `nn.fast = false`, tfjs's own loop), and with the hand-written
 * forward/backward loop that samples/03-backprop-xor.nnbook teaches (no per-epoch read).
 */
export function xorCell(): string {
  return `
const xorX = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const xorY = tf.tensor2d([[0], [1], [1], [0]]);
const xorModel = tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [2], units: 3, activation: 'sigmoid' }),
  tf.layers.dense({ units: 1, activation: 'sigmoid' }),
] });
xorModel.compile({ optimizer: tf.train.sgd(1.0), loss: 'meanSquaredError' });
let xorT0 = performance.now();
const xorH = await xorModel.fit(xorX, xorY, { epochs: 2000, batchSize: 4, verbose: 0 });
const xorFitMs = performance.now() - xorT0;
const xorFitLoss = xorH.history.loss[xorH.history.loss.length - 1] as number;
const xorRoute = nn.lastFit ?? null;
xorModel.dispose();
const xorModel2 = tf.sequential({ layers: [
  tf.layers.dense({ inputShape: [2], units: 3, activation: 'sigmoid' }),
  tf.layers.dense({ units: 1, activation: 'sigmoid' }),
] });
xorModel2.compile({ optimizer: tf.train.sgd(1.0), loss: 'meanSquaredError' });
nn.fast = false;
xorT0 = performance.now();
const xorH2 = await xorModel2.fit(xorX, xorY, { epochs: 2000, batchSize: 4, verbose: 0 });
const xorTfjsMs = performance.now() - xorT0;
nn.fast = true;
const xorTfjsLoss = xorH2.history.loss[xorH2.history.loss.length - 1] as number;
xorModel2.dispose();

let W1: tf.Tensor2D = tf.randomNormal([2, 3], 0, 1, 'float32', 3);
let b1: tf.Tensor1D = tf.zeros([3]);
let W2: tf.Tensor2D = tf.randomNormal([3, 1], 0, 1, 'float32', 4);
let b2: tf.Tensor1D = tf.zeros([1]);
xorT0 = performance.now();
let lastLoss: tf.Scalar | undefined;
for (let epoch = 0; epoch < 2000; epoch++) {
  const next = tf.tidy(() => {
    const n = 4;
    const a1 = tf.sigmoid(xorX.matMul(W1).add(b1));
    const a2 = tf.sigmoid(a1.matMul(W2).add(b2));
    const loss = a2.sub(xorY).square().mean() as tf.Scalar;
    const dZ2 = a2.sub(xorY).mul(2 / n).mul(a2.mul(tf.scalar(1).sub(a2)));
    const dW2 = a1.transpose().matMul(dZ2);
    const db2 = dZ2.sum(0);
    const dZ1 = dZ2.matMul(W2.transpose()).mul(a1.mul(tf.scalar(1).sub(a1)));
    const dW1 = xorX.transpose().matMul(dZ1);
    const db1 = dZ1.sum(0);
    return [W1.sub(dW1), b1.sub(db1), W2.sub(dW2), b2.sub(db2), loss];
  });
  tf.dispose([W1, b1, W2, b2, lastLoss]);
  [W1, b1, W2, b2] = next.slice(0, 4) as [tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor1D];
  lastLoss = next[4] as tf.Scalar;
}
const xorLoopLoss = (await lastLoss!.data())[0];
const xorLoopMs = performance.now() - xorT0;
tf.dispose([W1, b1, W2, b2, lastLoss, xorX, xorY]);
console.log(${JSON.stringify(RESULT_MARK)} + JSON.stringify({ backend: tf.getBackend(), fitMs: xorFitMs, fitLoss: xorFitLoss, route: xorRoute, tfjsFitMs: xorTfjsMs, tfjsFitLoss: xorTfjsLoss, loopMs: xorLoopMs, loopLoss: xorLoopLoss }));
`;
}
