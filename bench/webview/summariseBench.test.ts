import * as assert from 'assert';
import { benchTable, bestOf, hiddenRatios, summariseBench } from './summariseBench';

describe('summariseBench', () => {
  const throughput = {
    webgl: { xor: [1200, 1300], cnn: [400, 380] },
    wasm: { xor: [7000, 6500], cnn: [900, 1000] },
    cpu: { xor: [6000, 7600], cnn: [60, 70] },
    auto: { xor: [6800, 6900], cnn: [950, 990] },
  };

  it('takes the best explicit backend per workload and auto ÷ best from the best rounds', () => {
    const [xor, cnn] = summariseBench(throughput, 'wasm');
    assert.deepStrictEqual(xor.best, { backend: 'cpu', samplesPerS: 7600 });
    assert.strictEqual(xor.autoOverBest, 0.91);
    assert.strictEqual(xor.choiceOverBest, 0.92);
    assert.strictEqual(xor.ok, true);
    assert.deepStrictEqual(cnn.best, { backend: 'wasm', samplesPerS: 1000 });
    assert.strictEqual(cnn.autoOverBest, 0.99);
  });

  it('fails a workload where auto\'s choice is more than 10% slower than the best, whatever auto\'s own run measured', () => {
    const t = { ...throughput, wasm: { xor: [6000], cnn: [1000] }, auto: { xor: [7500], cnn: [990] } };
    const [xor] = summariseBench(t, 'wasm');
    assert.strictEqual(xor.autoOverBest, 0.99);
    assert.strictEqual(xor.choiceOverBest, 0.79);
    assert.strictEqual(xor.ok, false);
    assert.match(benchTable([xor]), /\| xor \| 1,300 \| 6,000 \| 7,600 \| 7,500 \| cpu \| wasm \| 0\.99 \| 0\.79 ✘ \|/);
  });

  it('passes a workload where auto chose the best backend even if its own run was slower (noise)', () => {
    const [, cnn] = summariseBench({ ...throughput, auto: { xor: [7000], cnn: [700] } }, 'wasm');
    assert.strictEqual(cnn.autoOverBest, 0.7);
    assert.strictEqual(cnn.choiceOverBest, 1);
    assert.strictEqual(cnn.ok, true);
  });

  it('ignores failed rounds (0, NaN) and says clearly when nothing was measured', () => {
    assert.strictEqual(bestOf([0, Number.NaN, 5]), 5);
    assert.strictEqual(bestOf(undefined), 0);
    assert.throws(() => summariseBench({ auto: { xor: [1] } }, 'wasm'), /no explicit backend measured xor/);
    assert.throws(() => summariseBench({ wasm: { xor: [1] } }, 'wasm'), /no auto runs/);
  });
});

describe('hiddenRatios', () => {
  it('gives each pair its ratio and the median of an even count as the mean of the middle two', () => {
    const r = hiddenRatios([{ visible: 100, hidden: 90 }, { visible: 100, hidden: 110 }, { visible: 200, hidden: 100 }, { visible: 50, hidden: 50 }]);
    assert.deepStrictEqual(r.ratios, [0.9, 1.1, 0.5, 1]);
    assert.strictEqual(r.median, 0.95);
  });

  it('rejects an empty list and a zero visible throughput', () => {
    assert.throws(() => hiddenRatios([]), /no pairs/);
    assert.throws(() => hiddenRatios([{ visible: 0, hidden: 1 }]), /must be > 0/);
  });
});
