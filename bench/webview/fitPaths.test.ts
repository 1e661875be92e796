import * as assert from 'assert';
import { describeFitPaths, type FitPaths, notFast, recordFitPath } from './fitPaths';

describe('fitPaths', () => {
  it('records each distinct route per workload and backend, with the reason for tfjs', () => {
    const paths: FitPaths = {};
    recordFitPath(paths, 'xor', 'cpu', { path: 'fast-js' });
    recordFitPath(paths, 'xor', 'cpu', { path: 'fast-js' });
    recordFitPath(paths, 'cnn', 'wasm', { path: 'tfjs', reason: 'input is not 2-D [batch, features]' });
    recordFitPath(paths, 'cnn', 'wasm', undefined);
    assert.deepStrictEqual(paths, { xor: { cpu: ['fast-js'] }, cnn: { wasm: ['tfjs (input is not 2-D [batch, features])', 'unknown'] } });
  });

  it('names the backends where a workload left the fast path', () => {
    const paths: FitPaths = { xor: { webgl: ['fast-js'], wasm: ['fast-js', 'tfjs (nn.fast is false)'], cpu: ['unknown'] } };
    assert.deepStrictEqual(notFast(paths, 'xor'), ['wasm: fast-js | tfjs (nn.fast is false)', 'cpu: unknown']);
    assert.deepStrictEqual(notFast({ xor: { webgl: ['fast-js'], wasm: ['fast-host'], cpu: ['fast-kernels'] } }, 'xor'), []);
    assert.deepStrictEqual(notFast(paths, 'lstm'), []);
  });

  it('describes every workload on one line', () => {
    assert.strictEqual(describeFitPaths({ xor: { webgl: ['fast-js'], cpu: ['fast-js'] }, lstm: { wasm: ['tfjs (x)'] } }),
      'xor model.fit path: webgl fast-js; cpu fast-js\nlstm model.fit path: wasm tfjs (x)');
  });
});
