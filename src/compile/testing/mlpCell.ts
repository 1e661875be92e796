/**
 * A realistic ~200-line notebook cell (an MLP trained by hand with tfjs, with
 * interfaces, an enum, classes, generics, helpers and awaits) for `bench/compile.ts` and the tests.
 */
export const MLP_CELL = `import * as tf from '@tensorflow/tfjs';
import type { Tensor, Tensor2D, Variable } from '@tensorflow/tfjs';

// Hyper-parameters the reader is invited to change.
interface TrainConfig {
  hidden: number[];
  learningRate: number;
  epochs: number;
  batchSize: number;
  activation: Activation;
  seed?: number;
}

enum Activation {
  Relu = 'relu',
  Sigmoid = 'sigmoid',
  Tanh = 'tanh',
}

type Batch = { xs: Tensor2D; ys: Tensor2D };
type History = { epoch: number; loss: number; accuracy: number }[];

const config: TrainConfig = {
  hidden: [32, 16],
  learningRate: 0.05,
  epochs: 20,
  batchSize: 64,
  activation: Activation.Relu,
  seed: 42,
};

/** A seeded PRNG so runs are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(config.seed ?? 1);

/** Two interleaved spirals: a classic non-linear toy problem. */
function makeSpirals(n: number, noise = 0.1): { points: number[][]; labels: number[] } {
  const points: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = (i / n) * 5;
    const t = 1.75 * (i / n) * 2 * Math.PI + label * Math.PI;
    points.push([r * Math.sin(t) + (random() - 0.5) * noise, r * Math.cos(t) + (random() - 0.5) * noise]);
    labels.push(label);
  }
  return { points, labels };
}

class Dense {
  readonly weights: Variable;
  readonly bias: Variable;

  constructor(
    readonly inputs: number,
    readonly units: number,
    private readonly activation: Activation | null,
  ) {
    const scale = Math.sqrt(2 / (inputs + units));
    this.weights = tf.variable(tf.randomNormal([inputs, units], 0, scale, 'float32', config.seed));
    this.bias = tf.variable(tf.zeros([units]));
  }

  apply(x: Tensor2D): Tensor2D {
    const z = tf.add(tf.matMul(x, this.weights), this.bias) as Tensor2D;
    switch (this.activation) {
      case Activation.Relu:
        return tf.relu(z);
      case Activation.Sigmoid:
        return tf.sigmoid(z);
      case Activation.Tanh:
        return tf.tanh(z);
      default:
        return z;
    }
  }

  get parameterCount(): number {
    return this.inputs * this.units + this.units;
  }

  dispose(): void {
    this.weights.dispose();
    this.bias.dispose();
  }
}

class MLP {
  readonly layers: Dense[] = [];
  #steps = 0;

  constructor(inputSize: number, hidden: number[], outputSize: number, activation: Activation) {
    let previous = inputSize;
    for (const units of hidden) {
      this.layers.push(new Dense(previous, units, activation));
      previous = units;
    }
    this.layers.push(new Dense(previous, outputSize, null));
  }

  predict(x: Tensor2D): Tensor2D {
    return this.layers.reduce<Tensor2D>((h, layer) => layer.apply(h), x);
  }

  get variables(): Variable[] {
    return this.layers.flatMap((layer) => [layer.weights, layer.bias]);
  }

  get steps(): number {
    return this.#steps;
  }

  step(optimizer: tf.Optimizer, batch: Batch): number {
    this.#steps++;
    const cost = optimizer.minimize(() => {
      const logits = this.predict(batch.xs);
      return tf.losses.sigmoidCrossEntropy(batch.ys, logits) as tf.Scalar;
    }, true, this.variables);
    const value = cost!.dataSync()[0];
    cost!.dispose();
    return value;
  }

  dispose(): void {
    for (const layer of this.layers) layer.dispose();
  }
}

function* batches<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function toBatch(rows: { point: number[]; label: number }[]): Batch {
  return tf.tidy(() => ({
    xs: tf.tensor2d(rows.map((r) => r.point)),
    ys: tf.tensor2d(rows.map((r) => [r.label])),
  }));
}

async function accuracy(model: MLP, points: number[][], labels: number[]): Promise<number> {
  const logits = tf.tidy(() => model.predict(tf.tensor2d(points)));
  const probabilities = (await logits.data()) as Float32Array;
  logits.dispose();
  let correct = 0;
  probabilities.forEach((p, i) => {
    if ((p > 0 ? 1 : 0) === labels[i]) correct++;
  });
  return correct / labels.length;
}

const { points, labels } = makeSpirals(512, 0.2);
const rows = points.map((point, i) => ({ point, label: labels[i] }));
const model = new MLP(2, config.hidden, 1, config.activation);
const optimizer = tf.train.adam(config.learningRate);
const history: History = [];

console.log(\`parameters: \${model.layers.reduce((n, l) => n + l.parameterCount, 0)}\`);

for (let epoch = 1; epoch <= config.epochs; epoch++) {
  let total = 0;
  let count = 0;
  for (const chunk of batches(shuffle(rows), config.batchSize)) {
    const batch = toBatch(chunk);
    total += model.step(optimizer, batch) * chunk.length;
    count += chunk.length;
    tf.dispose([batch.xs, batch.ys]);
  }
  const acc = await accuracy(model, points, labels);
  history.push({ epoch, loss: total / count, accuracy: acc });
  if (epoch % 5 === 0) {
    console.log(\`epoch \${epoch}: loss=\${(total / count).toFixed(4)} acc=\${(acc * 100).toFixed(1)}%\`);
    await tf.nextFrame();
  }
}

const best = history.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
const summary = {
  steps: model.steps,
  best,
  final: history[history.length - 1],
  tensors: tf.memory().numTensors,
};
summary
`;
