/**
 * The four training workloads of the webview bench, as cell source for the kernel (which
 * gives cells `tf` and `nn`). Each is the shape of a chapter's model:
 *
 * | workload | model | data | batch |
 * |---|---|---|---|
 * | xor | Dense 2-16-1, tanh/sigmoid | 512 random 2-d points | 32 |
 * | mnistMlp | Dense 784-128-10, relu/softmax | 2,048 MNIST digits, flat | 64 |
 * | cnn | Conv 3×3×8 → pool → Conv 3×3×16 → pool → Dense 10 | 256 MNIST digits, 28×28×1 | 32 |
 * | lstm | LSTM(50) → Dense(1) | 256 windows of 20 steps of nn.data.noisySeries | 32 |
 *
 * All use Adam and `model.fit`, as the samples teach.
 */
export const WORKLOADS = ['xor', 'mnistMlp', 'cnn', 'lstm'] as const;
export type Workload = (typeof WORKLOADS)[number];

/**
 * Declares `fitSpeed(kind, budgetMs)` in the kernel: builds the workload, fits one epoch
 * as warm-up (WebGL compiles its shaders then), then fits whole epochs until `budgetMs`
 * has passed and returns samples/s. Throws if the workload leaves tensors behind.
 */
export const FIT_SETUP = `async function benchWorkload(kind: string) {
  // 'adam' by name: the model owns it, so model.dispose() frees its moment variables too
  if (kind === 'xor') {
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'tanh' }));
    model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
    model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    const x = tf.randomNormal([512, 2]);
    const y = tf.tidy(() => x.prod(1, true).greater(0).toFloat());
    return { model, x, y, batch: 32 };
  }
  if (kind === 'mnistMlp' || kind === 'cnn') {
    const flat = kind === 'mnistMlp';
    const d = await nn.data.mnist({ train: flat ? 2048 : 256, test: 10, seed: 1, shape: flat ? 'flat' : 'image' });
    tf.dispose([d.xTest, d.yTest]);
    const model = tf.sequential();
    if (flat) {
      model.add(tf.layers.dense({ units: 128, inputShape: [784], activation: 'relu' }));
    } else {
      model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, activation: 'relu', inputShape: [28, 28, 1] }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.flatten());
    }
    model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
    model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
    return { model, x: d.xTrain, y: d.yTrain, batch: flat ? 64 : 32 };
  }
  if (kind === 'lstm') {
    const { series } = nn.data.noisySeries({ n: 300, seed: 1 });
    const w = nn.data.windows(series, { lookback: 20, testFraction: 0.05 });
    const x = w.xTrain.slice([0, 0, 0], [256, 20, 1]);
    const y = w.yTrain.slice([0, 0], [256, 1]);
    tf.dispose([series, w.xTrain, w.yTrain, w.xTest, w.yTest, w.naiveTest]);
    const model = tf.sequential();
    model.add(tf.layers.lstm({ units: 50, inputShape: [20, 1] }));
    model.add(tf.layers.dense({ units: 1 }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    return { model, x, y, batch: 32 };
  }
  throw new Error('fitSpeed: unknown workload ' + kind);
}

async function fitSpeed(kind: string, budgetMs: number): Promise<number> {
  const before = tf.memory().numTensors;
  const { model, x, y, batch } = await benchWorkload(kind);
  let samples = 0;
  let seconds = 0;
  try {
    await model.fit(x, y, { epochs: 1, batchSize: batch });
    const t0 = performance.now();
    while (performance.now() - t0 < budgetMs) {
      await model.fit(x, y, { epochs: 1, batchSize: batch });
      samples += x.shape[0];
    }
    seconds = (performance.now() - t0) / 1000;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
  }
  const left = tf.memory().numTensors - before;
  if (left !== 0) throw new Error('fitSpeed(' + kind + '): ' + left + ' tensors left behind');
  return Math.round(samples / seconds);
}`;

/** A cell that returns samples/s of `kind`, fitting for at least `budgetMs` after its warm-up. */
export function fitCell(kind: Workload, budgetMs: number): string {
  if (!WORKLOADS.includes(kind)) throw new Error(`fitCell: '${kind}' is not one of ${WORKLOADS.join(', ')}`);
  if (!(budgetMs > 0)) throw new Error(`fitCell: budgetMs must be > 0, got ${budgetMs}`);
  return `await fitSpeed('${kind}', ${Math.round(budgetMs)})`;
}

/**
 * A cell that switches the kernel to `backend` (`nn.backend`, as a student would) and returns
 * JSON {backend: what tfjs runs now, samplesPerS, fit: `nn.lastFit` after the timed fits}
 * for `kind`: `fit.path` says whether model.fit took the fast path ('fast-js', …) or tfjs's.
 */
export function switchAndFit(backend: string, kind: Workload, budgetMs: number): string {
  // properties evaluate in order, so `fit` is read after fitSpeed's last model.fit
  return `await nn.backend('${backend}');\nJSON.stringify({ backend: tf.getBackend(), samplesPerS: ${fitCell(kind, budgetMs)}, fit: nn.lastFit })`;
}

/**
 * A cell that returns microseconds per tiny op (a [32,16]·[16,16] matMul, then an add, in a
 * chain of 2,000, waited for at the end): the per-op cost that decides XOR-sized models.
 */
export const TINY_OP_COST = `await (async () => {
  const before = tf.memory().numTensors;
  const w = tf.tidy(() => tf.ones([16, 16]).mul(0.01));
  const one = tf.scalar(1);
  const run = async (n: number) => {
    let c = tf.ones([32, 16]);
    for (let i = 0; i < n; i++) {
      const d = i % 2 ? c.add(one) : c.matMul(w);
      c.dispose();
      c = d;
    }
    await c.data();
    c.dispose();
  };
  await run(200);
  const t0 = performance.now();
  await run(2000);
  const us = Math.round(((performance.now() - t0) * 1000) / 2000 * 10) / 10;
  tf.dispose([w, one]);
  if (tf.memory().numTensors !== before) throw new Error('tiny op cost: tensors left behind');
  return us;
})()`;
