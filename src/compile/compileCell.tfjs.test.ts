import assert from 'node:assert/strict';
import { MLP_CELL } from './testing/mlpCell';
import { TestKernel } from './testing/TestKernel';

describe('compileCell: a realistic cell against real tfjs', function () {
  this.timeout(120_000);

  it('trains the benchmark MLP cell (2 epochs) and returns its summary', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tf = require('@tensorflow/tfjs') as typeof import('@tensorflow/tfjs');
    // Other suites in the same mocha process register wasm (higher priority): pick one explicitly.
    await tf.setBackend('cpu');
    const kernel = new TestKernel({ strict: true, modules: { '@tensorflow/tfjs': tf } });
    const logged: unknown[] = [];
    const { log, warn } = console;
    console.log = (...args: unknown[]) => logged.push(args.join(' '));
    console.warn = () => {}; // tfjs's "install tfjs-node" banner
    let summary: { steps: number; final: { epoch: number; accuracy: number }; tensors: number };
    try {
      summary = (await kernel.run(MLP_CELL.replace('epochs: 20', 'epochs: 2'))) as typeof summary;
    } finally {
      Object.assign(console, { log, warn });
    }
    assert.equal(summary.steps, 2 * Math.ceil(512 / 64));
    assert.equal(summary.final.epoch, 2);
    assert.ok(summary.final.accuracy >= 0 && summary.final.accuracy <= 1);
    assert.match(String(logged[0]), /^parameters: \d+$/);
    assert.ok(Array.isArray(kernel.scope.history) && (kernel.scope.history as unknown[]).length === 2);
    assert.ok(kernel.rt.awaitCount >= 2);
    (kernel.scope.model as { dispose(): void }).dispose();
  });
});
