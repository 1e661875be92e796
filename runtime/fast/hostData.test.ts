import * as assert from 'node:assert/strict';
import { nonZeroFraction } from './hostData';

describe('nonZeroFraction', () => {
  it('counts every value of a small array exactly', () => {
    assert.equal(nonZeroFraction(Float32Array.from([0, 1, 0, 2, NaN, 0, -0, 3])), 4 / 8);
    assert.equal(nonZeroFraction(new Float32Array(0)), 1);
  });

  it('samples a large one within a few thousandths, even when every row has the same zero columns', () => {
    // 10,000 rows of 784: columns 0–599 zero, 600–783 non-zero (the fraction 184/784 = 0.2347)
    const x = new Float32Array(10_000 * 784);
    for (let r = 0; r < 10_000; r++) x.fill(0.5, r * 784 + 600, (r + 1) * 784);
    const exact = 184 / 784;
    const estimate = nonZeroFraction(x);
    assert.ok(Math.abs(estimate - exact) < 0.005, `${estimate} vs ${exact}`);
    // a stride sharing a factor with 784 (28, say) would see only some columns
    assert.ok(Math.abs(nonZeroFraction(x, x.length) - exact) < 1e-9, 'all values when samples ≥ length');
  });
});
