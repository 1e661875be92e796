import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { getQuietCpuBackend } from '../backend/quietCpuBackend';
import { selectBackend } from '../backend/selectBackend';
import { WASM_DIST_DIR } from '../backend/testSupport';
import { fastFit, type FastFitOptions, type FitRoute } from './fastFit';
import { markLogsOnly } from './fitCallbackList';

/** Deterministic pseudo-random floats in [0, 1). */
function floats(count: number, seed: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  return out;
}

interface Spec { inputs: number; units: number[]; activations: string[]; loss: string; optimizer: () => tf.Optimizer | string; accuracy?: boolean }

function build(spec: Spec): tf.Sequential {
  const model = tf.sequential();
  spec.units.forEach((units, i) => model.add(tf.layers.dense({
    ...(i === 0 ? { inputShape: [spec.inputs] } : {}),
    units,
    activation: spec.activations[i] as 'relu',
    kernelInitializer: tf.initializers.glorotUniform({ seed: 10 + i }),
    biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: 20 + i }),
  })));
  model.compile({ optimizer: spec.optimizer(), loss: spec.loss, ...(spec.accuracy ? { metrics: ['accuracy'] } : {}) });
  return model;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / (1 + Math.abs(b[i])));
  return m;
}

/** Records every callback's logs, as a user's callbacks would see them. */
function recorder() {
  const seen: { event: string; keys: string[]; logs: Record<string, unknown> }[] = [];
  const rec = (event: string) => async (_i: number, logs?: tf.Logs) => { seen.push({ event, keys: Object.keys(logs ?? {}), logs: { ...logs } }); };
  return { seen, callbacks: { onEpochEnd: rec('epochEnd'), onBatchEnd: rec('batchEnd') } };
}

/**
 * Trains two identical models, one with tfjs's model.fit, one with fastFit (forced
 * engine), twice in a row (the second fit continues the optimizer's state), and compares
 * histories, callback logs and weights; checks no tensor is left behind.
 */
async function parity(spec: Spec, x: tf.Tensor2D, y: tf.Tensor, args: tf.ModelFitArgs, engine: 'js' | 'host' | 'kernels', tol: number, withCallbacks = true, sparseInput?: number): Promise<number[]> {
  const ref = build(spec), fast = build(spec);
  let fastLoss: number[] = [];
  for (let round = 0; round < 2; round++) {
    const rr = recorder(), fr = recorder();
    const h = await ref.fit(x, y, { ...args, shuffle: false, verbose: 0, ...(withCallbacks ? { callbacks: rr.callbacks } : {}) });
    const before = tf.memory().numTensors;
    const r = await fastFit(tf, fast, x, y, { ...args, shuffle: false, verbose: 0, ...(withCallbacks ? { callbacks: fr.callbacks } : {}) }, { engine });
    assert.ok(typeof r !== 'string', `fastFit fell back: ${String(r)}`);
    if (round === 1) assert.equal(tf.memory().numTensors, before, 'fastFit leaves no tensor behind');
    assert.equal(r.route.path, `fast-${engine}`);
    assert.equal(r.route.sparseInput, sparseInput, 'the first layer skips zeros exactly when its input is sparse and on the host engine');
    assert.ok(r.history instanceof tf.History);
    assert.deepEqual(Object.keys(r.history.history), Object.keys(h.history), 'same history keys, same order');
    assert.deepEqual(r.history.epoch, h.epoch);
    for (const k of Object.keys(h.history)) {
      const d = maxRelDiff(r.history.history[k] as number[], h.history[k] as number[]);
      assert.ok(d < tol, `round ${round} ${k}: ${r.history.history[k].join(', ')} vs tfjs ${h.history[k].join(', ')} (max rel diff ${d})`);
    }
    assert.deepEqual(fr.seen.map((s) => `${s.event}:${s.keys.join(',')}`), rr.seen.map((s) => `${s.event}:${s.keys.join(',')}`), 'callbacks see the same events and log keys');
    const wr = ref.getWeights(), wf = fast.getWeights();
    wr.forEach((w, i) => {
      const d = maxRelDiff(wf[i].dataSync(), w.dataSync());
      assert.ok(d < tol * 10, `round ${round} weight ${i}: max rel diff ${d}`);
    });
    fastLoss = r.history.history.loss as number[];
  }
  ref.dispose(); fast.dispose();
  return fastLoss;
}

/**
 * tfjs's model.fit and fastFit on two identical models, Math.random seeded the same for
 * each (nn.seed does that in a kernel): both shuffle into the same batches.
 */
async function seededFits(spec: Spec, x: tf.Tensor, y: tf.Tensor, args: tf.ModelFitArgs, opts: FastFitOptions, seed: number): Promise<{ h: tf.History; r: { history: tf.History; route: FitRoute } }> {
  const original = Math.random;
  const seeded = () => { let s = seed; return () => { s = (Math.imul(s, 1103515245) + 12345) >>> 0; return s / 4294967296; }; };
  const ref = build(spec), fast = build(spec);
  try {
    Math.random = seeded();
    const h = await ref.fit(x, y, { ...args, verbose: 0 });
    Math.random = seeded();
    const r = await fastFit(tf, fast, x, y, { ...args, verbose: 0 }, opts);
    assert.ok(typeof r !== 'string', `fastFit fell back: ${String(r)}`);
    return { h, r };
  } finally {
    Math.random = original;
    ref.dispose(); fast.dispose();
  }
}

const xorSpec: Spec = { inputs: 2, units: [3, 1], activations: ['sigmoid', 'sigmoid'], loss: 'meanSquaredError', optimizer: () => tf.train.sgd(1.0) };

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`fastFit on ${backend}: trains as tfjs's model.fit does`, function () {
    this.timeout(300_000);
    let previous = '';
    before(async () => {
      previous = tf.getBackend();
      if (backend === 'wasm') {
        const c = await selectBackend(tf, { prefer: 'wasm', wasmDir: WASM_DIST_DIR });
        assert.equal(c.backend, 'wasm', c.detail);
      } else {
        getQuietCpuBackend(tf);
        assert.equal(await tf.setBackend('cpu'), true);
      }
    });
    after(async () => { if (previous && previous !== tf.getBackend()) await tf.setBackend(previous); });

    for (const engine of ['js', 'host', 'kernels'] as const) {
      it(`${engine}: XOR 2-3-1 sigmoid, SGD lr 1, MSE, batch 4`, async () => {
        const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
        const y = tf.tensor2d([[0], [1], [1], [0]]);
        const loss = await parity(xorSpec, x, y, { epochs: 100, batchSize: 4 }, engine, 1e-4);
        assert.ok(loss[loss.length - 1] < loss[0], 'loss goes down');
        tf.dispose([x, y]);
      });

      it(`${engine}: 20-16-8-4 relu/tanh/softmax, 'adam', categorical CE, accuracy, ragged batches, validationSplit`, async () => {
        const n = 120;
        const x = tf.tensor2d(floats(n * 20, 3), [n, 20]);
        const labels = tf.tensor1d(Array.from(floats(n, 4), (v) => Math.floor(v * 4)), 'int32');
        const y = tf.oneHot(labels, 4);
        await parity({ inputs: 20, units: [16, 8, 4], activations: ['relu', 'tanh', 'softmax'], loss: 'categoricalCrossentropy', optimizer: () => 'adam', accuracy: true }, x, y, { epochs: 3, batchSize: 32, validationSplit: 0.2 }, engine, 1e-4);
        tf.dispose([x, labels, y]);
      });

      it(`${engine}: 784-32-10 relu/softmax, adam, sparse CE (float labels), accuracy, validationData`, async () => {
        const n = 150;
        const x = tf.tensor2d(floats(n * 784, 1), [n, 784]);
        const y = tf.tensor1d(Array.from(floats(n, 2), (v) => Math.floor(v * 10)), 'float32');
        const xv = tf.tensor2d(floats(40 * 784, 5), [40, 784]);
        const yv = tf.tensor1d(Array.from(floats(40, 6), (v) => Math.floor(v * 10)), 'float32');
        await parity({ inputs: 784, units: [32, 10], activations: ['relu', 'softmax'], loss: 'sparseCategoricalCrossentropy', optimizer: () => tf.train.adam(1e-3), accuracy: true }, x, y, { epochs: 2, batchSize: 64, validationData: [xv, yv] }, engine, 1e-4);
        tf.dispose([x, y, xv, yv]);
      });

      // the sparse first layer fuses bias and relu (forward), relu's derivative and the bias
      // gradient (backward); tanh and a lone softmax layer take the other branches
      for (const [units, activations] of [[[32, 10], ['relu', 'softmax']], [[16, 10], ['tanh', 'softmax']], [[12], ['softmax']]] as const) {
        it(`${engine}: 784-${units.join('-')} ${activations.join('/')} on 80%-zero inputs (MNIST-like), adam, categorical CE, validationData${engine === 'host' ? ': the sparse first layer' : ''}`, async () => {
          const n = 150;
          const sparse = (count: number, seed: number) => floats(count, seed).map((v) => (v < 0.8 ? 0 : (v - 0.8) * 5));
          const x = tf.tensor2d(sparse(n * 784, 11), [n, 784]);
          const classes = units[units.length - 1];
          const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(floats(n, 12), (v) => Math.floor(v * classes)), 'int32'), classes).toFloat());
          const xv = tf.tensor2d(sparse(40 * 784, 13), [40, 784]);
          const yv = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(floats(40, 14), (v) => Math.floor(v * classes)), 'int32'), classes).toFloat());
          const density = +(Array.from(x.dataSync()).filter((v) => v !== 0).length / (n * 784)).toFixed(3);
          await parity({ inputs: 784, units: [...units], activations: [...activations], loss: 'categoricalCrossentropy', optimizer: () => tf.train.adam(1e-3), accuracy: true }, x, y, { epochs: 2, batchSize: 64, validationData: [xv, yv] }, engine, 1e-4, true, engine === 'host' ? density : undefined);
          tf.dispose([x, y, xv, yv]);
        });
      }

      it(`${engine}: 5-8-1 tanh/sigmoid, SGD, binary CE, accuracy, validationData`, async () => {
        const n = 64;
        const x = tf.tensor2d(floats(n * 5, 7), [n, 5]);
        const y = tf.tensor2d(Array.from(floats(n, 8), (v) => (v > 0.5 ? 1 : 0)), [n, 1]);
        await parity({ inputs: 5, units: [8, 1], activations: ['tanh', 'sigmoid'], loss: 'binaryCrossentropy', optimizer: () => tf.train.sgd(0.5), accuracy: true }, x, y, { epochs: 4, batchSize: 16, validationData: [x, y] }, engine, 1e-4);
        tf.dispose([x, y]);
      });

      it(`${engine}: 3-6-2 sigmoid/linear regression, adam, MSE, no callbacks`, async () => {
        const n = 50;
        const x = tf.tensor2d(floats(n * 3, 9), [n, 3]);
        const y = tf.tensor2d(floats(n * 2, 10), [n, 2]);
        await parity({ inputs: 3, units: [6, 2], activations: ['sigmoid', 'linear'], loss: 'meanSquaredError', optimizer: () => tf.train.adam(0.01) }, x, y, { epochs: 5, batchSize: 8 }, engine, 1e-4, false);
        tf.dispose([x, y]);
      });
    }

    it('host, sparse first layer, shuffled batches (nn.seed): the same losses as model.fit', async () => {
      const n = 200;
      const x = tf.tensor2d(floats(n * 784, 31).map((v) => (v < 0.85 ? 0 : v)), [n, 784]);
      const y = tf.tensor1d(Array.from(floats(n, 32), (v) => Math.floor(v * 10)), 'float32');
      const spec: Spec = { inputs: 784, units: [64, 10], activations: ['relu', 'softmax'], loss: 'sparseCategoricalCrossentropy', optimizer: () => 'adam' };
      const { h, r } = await seededFits(spec, x, y, { epochs: 3, batchSize: 32 }, { engine: 'host' }, 7);
      assert.ok(r.route.sparseInput! > 0.1 && r.route.sparseInput! < 0.2, `density ${r.route.sparseInput}`);
      const d = maxRelDiff(r.history.history.loss as number[], h.history.loss as number[]);
      assert.ok(d < 1e-4, `${r.history.history.loss.join(', ')} vs ${h.history.loss.join(', ')}`);
      tf.dispose([x, y]);
    });
  });
}

describe('fastFit shuffles as tfjs does', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  it('with the same Math.random sequence (nn.seed), the same batches every epoch: same losses as model.fit', async () => {
    const n = 96;
    const x = tf.tensor2d(floats(n * 6, 21), [n, 6]);
    const y = tf.tensor1d(Array.from(floats(n, 22), (v) => Math.floor(v * 3)), 'float32');
    const spec: Spec = { inputs: 6, units: [8, 3], activations: ['tanh', 'softmax'], loss: 'sparseCategoricalCrossentropy', optimizer: () => tf.train.sgd(0.5) };
    const { h, r } = await seededFits(spec, x, y, { epochs: 4, batchSize: 16 }, {}, 42);
    const d = maxRelDiff(r.history.history.loss as number[], h.history.loss as number[]);
    assert.ok(d < 1e-5, `${r.history.history.loss.join(', ')} vs ${h.history.loss.join(', ')}`);
    tf.dispose([x, y]);
  });
});

describe('fastFit and callbacks that read the model', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  it('a callback sees the weights trained so far (the JS engine writes them back first); a logs-only one does not need them', async () => {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const firstWeight = (m: tf.LayersModel) => m.layers[0].getWeights()[0].dataSync()[0];
    const ref = build(xorSpec), fast = build(xorSpec), quiet = build(xorSpec);
    const seenRef: number[] = [], seenFast: number[] = [], seenQuiet: number[] = [];
    await ref.fit(x, y, { epochs: 5, batchSize: 4, verbose: 0, shuffle: false, callbacks: { onEpochEnd: async () => { seenRef.push(firstWeight(ref)); } } });
    await fastFit(tf, fast, x, y, { epochs: 5, batchSize: 4, verbose: 0, shuffle: false, callbacks: { onEpochEnd: async () => { seenFast.push(firstWeight(fast)); } } }, { engine: 'js' });
    const start = firstWeight(quiet);
    await fastFit(tf, quiet, x, y, { epochs: 5, batchSize: 4, verbose: 0, shuffle: false, callbacks: markLogsOnly({ onEpochEnd: async () => { seenQuiet.push(firstWeight(quiet)); } }) }, { engine: 'js' });
    assert.ok(maxRelDiff(seenFast, seenRef) < 1e-5, `${seenFast} vs ${seenRef}`);
    assert.deepEqual(seenQuiet, [start, start, start, start, start], 'no write-back for a logs-only callback');
    assert.ok(Math.abs(firstWeight(quiet) - seenRef[4]) < 1e-5, 'the weights are written back at the end');
    tf.dispose([x, y]); ref.dispose(); fast.dispose(); quiet.dispose();
  });

  it('weights a callback sets (restoring the best epoch\'s, mid-fit or at the end) are the ones training goes on from and ends with', async () => {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const before = tf.memory().numTensors;
    /** At epoch 2 put back the weights of epoch 0; at the end restore those of epoch 3. */
    const restorer = (m: tf.LayersModel) => {
      const kept: Record<number, tf.Tensor[]> = {};
      return {
        onEpochEnd: async (epoch: number) => {
          if (epoch === 0 || epoch === 3) kept[epoch] = m.getWeights().map((w) => w.clone());
          if (epoch === 2) m.setWeights(kept[0]);
        },
        onTrainEnd: async () => { m.setWeights(kept[3]); tf.dispose([...kept[0], ...kept[3]]); },
      };
    };
    const ref = build(xorSpec), fast = build(xorSpec);
    await ref.fit(x, y, { epochs: 6, batchSize: 4, verbose: 0, shuffle: false, callbacks: restorer(ref) });
    const r = await fastFit(tf, fast, x, y, { epochs: 6, batchSize: 4, verbose: 0, shuffle: false, callbacks: restorer(fast) }, { engine: 'js' });
    assert.ok(typeof r !== 'string', String(r));
    const wr = ref.getWeights(), wf = fast.getWeights();
    wr.forEach((w, i) => assert.ok(maxRelDiff(wf[i].dataSync(), w.dataSync()) < 1e-5, `weight ${i}: ${wf[i].dataSync()} vs tfjs ${w.dataSync()}`));
    for (const m of [ref, fast]) { m.optimizer.dispose(); m.dispose(); } // an optimizer passed as an object is not the model's to free
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    tf.dispose([x, y]);
  });
});

describe('fastFit falls back', () => {
  before(async () => { getQuietCpuBackend(tf); await tf.setBackend('cpu'); });

  it('no WebAssembly memory to be had (a training set too big): says so, leaks nothing, so that tfjs\'s loop trains', async () => {
    const x = tf.tensor2d(floats(64 * 40, 41), [64, 40]);
    const y = tf.tensor1d(Array.from(floats(64, 42), (v) => Math.floor(v * 4)), 'float32');
    const m = build({ inputs: 40, units: [32, 4], activations: ['relu', 'softmax'], loss: 'sparseCategoricalCrossentropy', optimizer: () => 'adam' });
    const Memory = WebAssembly.Memory;
    const before = tf.memory().numTensors;
    (WebAssembly as { Memory: unknown }).Memory = function () { throw new RangeError('WebAssembly.Memory(): could not allocate memory'); };
    try {
      const r = await fastFit(tf, m, x, y, { epochs: 1, batchSize: 32 }, { engine: 'host' });
      assert.match(String(r), /^no memory for the fast path \(WebAssembly\.Memory\(\): could not allocate memory\)$/);
    } finally {
      (WebAssembly as { Memory: unknown }).Memory = Memory;
    }
    assert.equal(tf.memory().numTensors, before);
    const r = await fastFit(tf, m, x, y, { epochs: 1, batchSize: 32 }, { engine: 'host' });
    assert.ok(typeof r !== 'string', 'and the next fit has its memory again');
    m.dispose(); tf.dispose([x, y]);
  });

  it('says why for models, optimizers, losses, metrics and options it does not cover', async () => {
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const cases: [() => tf.Sequential, tf.ModelFitArgs, RegExp][] = [
      [() => { const m = build(xorSpec); m.compile({ optimizer: tf.train.rmsprop(0.1), loss: 'meanSquaredError' }); return m; }, {}, /RMSProp/],
      [() => { const m = build(xorSpec); m.compile({ optimizer: 'sgd', loss: 'meanAbsoluteError' }); return m; }, {}, /loss meanAbsoluteError/],
      [() => { const m = build(xorSpec); m.compile({ optimizer: 'sgd', loss: 'meanSquaredError', metrics: ['mse'] }); return m; }, {}, /metrics/],
      [() => build(xorSpec), { classWeight: { 0: 1, 1: 2 } }, /classWeight/],
      [() => build(xorSpec), { shuffle: 'batch' as unknown as boolean }, /shuffle/],
      [() => tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'relu' }), tf.layers.dropout({ rate: 0.5 }), tf.layers.dense({ units: 1 })] }), {}, /Dropout/],
      [() => { const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, kernelRegularizer: tf.regularizers.l2() })] }); return m; }, {}, /regularizer/],
    ];
    const sparse = () => { const m = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })] }); m.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy' }); return m; };
    const intLabels = tf.tensor1d([0, 1, 1, 0], 'int32');
    const sm = sparse();
    assert.match(String(await fastFit(tf, sm, x, intLabels, {})), /int32 labels/);
    intLabels.dispose();
    sm.dispose();
    for (const [make, args, why] of cases) {
      const m = make();
      if (!(m as unknown as { optimizer?: unknown }).optimizer) m.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
      const before = tf.memory().numTensors;
      const r = await fastFit(tf, m, x, y, { epochs: 1, ...args });
      assert.equal(typeof r, 'string');
      assert.match(r as string, why);
      assert.equal(tf.memory().numTensors, before);
      m.dispose();
    }
    tf.dispose([x, y]);
  });

  it('stops before the next batch when asked (the interrupt), with the model usable', async () => {
    const m = build(xorSpec);
    const x = tf.tensor2d(floats(64 * 2, 11), [64, 2]);
    const y = tf.tensor2d(floats(64, 12), [64, 1]);
    let batches = 0;
    const r = await fastFit(tf, m, x, y, { epochs: 50, batchSize: 4, callbacks: { onBatchEnd: async () => { batches++; } } }, { shouldStop: () => batches >= 5 });
    assert.ok(typeof r !== 'string');
    assert.equal(batches, 5);
    assert.equal(r.history.history.loss.length, 1, 'the interrupted epoch is logged, no further one');
    const p = m.predict(x) as tf.Tensor;
    assert.equal(p.shape[0], 64);
    tf.dispose([p, x, y]);
    m.dispose();
  });

  it('stops when a callback sets model.stopTraining (early stopping)', async () => {
    const m = build(xorSpec);
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const y = tf.tensor2d([[0], [1], [1], [0]]);
    const r = await fastFit(tf, m, x, y, { epochs: 100, batchSize: 4, callbacks: { onEpochEnd: async (e) => { if (e === 2) m.stopTraining = true; } } });
    assert.ok(typeof r !== 'string');
    assert.deepEqual(r.history.epoch, [0, 1, 2]);
    tf.dispose([x, y]);
    m.dispose();
  });
});
