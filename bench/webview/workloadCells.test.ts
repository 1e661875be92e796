import * as assert from 'assert';
import { FIT_SETUP, fitCell, switchAndFit, WORKLOADS } from './workloadCells';

// The cells themselves run in the kernel (bench:webview; `node bin/nnbook.js run` on a
// notebook of FIT_SETUP + fitCell(…) checks them on the node kernel): here, their inputs.
describe('workloadCells', () => {
  it('declares a builder for every workload', () => {
    for (const w of WORKLOADS) assert.ok(FIT_SETUP.includes(`kind === '${w}'`), `FIT_SETUP has no '${w}' branch`);
  });

  it('writes the fit and switch cells with a whole-millisecond budget', () => {
    assert.strictEqual(fitCell('cnn', 1999.6), "await fitSpeed('cnn', 2000)");
    assert.strictEqual(switchAndFit('cpu', 'xor', 500),
      "await nn.backend('cpu');\nJSON.stringify({ backend: tf.getBackend(), samplesPerS: await fitSpeed('xor', 500), fit: nn.lastFit })");
  });

  it('rejects an unknown workload and a budget that is not positive', () => {
    assert.throws(() => fitCell('gru' as never, 1000), /'gru' is not one of xor, mnistMlp, cnn, lstm/);
    assert.throws(() => fitCell('xor', 0), /budgetMs must be > 0, got 0/);
    assert.throws(() => fitCell('xor', Number.NaN), /budgetMs must be > 0/);
  });
});
