import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { registerNnbookScheme } from './nnbookScheme';
import { testHost, type TestHost } from './testHost';

describe('nnbook:// models (real tf.io, real host services over a temp folder)', () => {
  let t: TestHost;
  let baseline = 0;
  before(async () => { await tf.setBackend('cpu'); });
  beforeEach(() => { t = testHost(); registerNnbookScheme(tf, t.host); baseline = tf.memory().numTensors; });
  afterEach(() => t.cleanup());

  const xorModel = () => {
    const m = tf.sequential({ layers: [tf.layers.dense({ units: 4, inputShape: [2], activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
    m.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
    return m;
  };

  it('saves model.json + weights.bin in the folder and loads the same model back', async () => {
    const model = xorModel();
    const result = await model.save('nnbook://models/xor');
    assert.ok((result.modelArtifactsInfo.weightDataBytes ?? 0) > 0);
    const dir = path.join(t.root, 'models/xor');
    assert.deepEqual(fs.readdirSync(dir).sort(), ['model.json', 'weights.bin']);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json'), 'utf8'));
    assert.deepEqual(json.weightsManifest[0].paths, ['./weights.bin']);
    assert.equal(fs.statSync(path.join(dir, 'weights.bin')).size, (2 * 4 + 4 + 4 * 1 + 1) * 4);

    const loaded = await tf.loadLayersModel('nnbook://models/xor/');
    const x = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    assert.deepEqual(Array.from(await b.data()), Array.from(await a.data()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });

  it('refuses a folder outside the workspace, and says what is missing', async () => {
    const model = xorModel();
    await assert.rejects(model.save('nnbook://../escape'), /model\.save 'nnbook:\/\/\.\.\/escape': '\.\.\/escape\/weights\.bin' is outside the workspace folder/);
    assert.equal(fs.existsSync(path.join(path.dirname(t.root), 'escape')), false);
    await assert.rejects(tf.loadLayersModel('nnbook://models/none'), /loading 'nnbook:\/\/models\/none': 'models\/none\/model\.json' does not exist/);
    await assert.rejects(model.save('nnbook://'), /names no folder/);
    model.dispose();
    assert.equal(tf.memory().numTensors, baseline);
  });

  it('registers the scheme once per tfjs: the latest host client is used', async () => {
    const other = testHost();
    try {
      registerNnbookScheme(tf, other.host);
      const model = xorModel();
      await model.save('nnbook://m');
      model.dispose();
      assert.ok(fs.existsSync(path.join(other.root, 'm/model.json')));
      assert.ok(!fs.existsSync(path.join(t.root, 'm')));
      assert.equal(tf.io.getSaveHandlers('nnbook://m').length, 1);
    } finally {
      other.cleanup();
    }
  });
});
