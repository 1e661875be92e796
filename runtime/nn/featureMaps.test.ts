import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { createNn } from './createNn';
import { featureMapsPayload } from './featureMaps';
import { payloadOf, recordingSink } from './testSink';

const pixels = (p: { pixels: string }) => Array.from(Buffer.from(p.pixels, 'base64'));

describe('featureMapsPayload', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('draws each channel of [1, h, w, c] as its own image, stretched to its own range', () => {
    const base = tf.memory().numTensors;
    // 2×2 maps, 2 channels: channel 0 = [0, 1, 2, 3], channel 1 = [10, 10, 10, 30].
    const x = tf.tensor4d([0, 10, 1, 10, 2, 10, 3, 30], [1, 2, 2, 2]);
    const p = featureMapsPayload(x, { title: 'maps' });
    x.dispose();
    assert.deepStrictEqual([p.width, p.height, p.channels, p.total, p.title], [2, 2, 1, 2, 'maps']);
    assert.deepStrictEqual(pixels(p.images[0]), [0, 85, 170, 255]);
    assert.deepStrictEqual(pixels(p.images[1]), [0, 0, 0, 255]);
    assert.deepStrictEqual(p.images.map((i) => i.label), ['0', '1']);
    assert.strictEqual(tf.memory().numTensors, base);
  });

  it("'shared' scale keeps brightness comparable; a constant map is black", () => {
    const x = tf.tensor3d([0, 5, 2, 5, 4, 5, 8, 5], [2, 2, 2]); // [h, w, c]: channel 1 is constant
    const shared = featureMapsPayload(x, { scale: 'shared', labels: ['a', 'b'] });
    assert.deepStrictEqual(pixels(shared.images[0]), [0, 64, 128, 255]);
    assert.deepStrictEqual(pixels(shared.images[1]), [159, 159, 159, 159]);
    assert.deepStrictEqual(pixels(featureMapsPayload(x).images[1]), [0, 0, 0, 0]);
    assert.deepStrictEqual(shared.images.map((i) => i.label), ['a', 'b']);
    x.dispose();
  });

  it('shows at most `max` maps but counts them all', () => {
    const x = tf.zeros([3, 3, 5]);
    const p = featureMapsPayload(x, { max: 2 });
    x.dispose();
    assert.deepStrictEqual([p.images.length, p.total], [2, 5]);
  });

  it('says what is wrong with bad input', () => {
    const base = tf.memory().numTensors;
    const batch = tf.zeros([2, 3, 3, 4]), flat = tf.zeros([9]), two = tf.zeros([3, 3, 2]);
    assert.throws(() => featureMapsPayload(batch), /one example at a time: got a batch of 2/);
    assert.throws(() => featureMapsPayload(flat), /expected \[1, h, w, channels\] or \[h, w, channels\], got \[9\]/);
    assert.throws(() => featureMapsPayload(two, { labels: ['x'] }), /1 labels for 2 channels/);
    assert.throws(() => featureMapsPayload([1, 2] as never), /expected a tensor/);
    tf.dispose([batch, flat, two]);
    assert.strictEqual(tf.memory().numTensors, base);
    const gone = tf.zeros([1, 2, 2, 1]); gone.dispose();
    assert.throws(() => featureMapsPayload(gone), /disposed/);
  });

  it('nn.plot.featureMaps draws a real conv layer\'s output as an images item', () => {
    const sink = recordingSink();
    const nn = createNn({ tf, ...sink });
    const base = tf.memory().numTensors;
    const conv = tf.layers.conv2d({ inputShape: [6, 6, 1], filters: 3, kernelSize: 3, kernelInitializer: 'ones' });
    const maps = tf.tidy(() => conv.apply(tf.ones([1, 6, 6, 1])) as tf.Tensor);
    const shown = nn.plot.featureMaps(maps, { title: 'conv' });
    maps.dispose(); conv.dispose();
    assert.strictEqual(tf.memory().numTensors, base);
    assert.strictEqual(sink.displays[0].displayId, shown.displayId);
    assert.strictEqual(sink.displays[0].items[0].mime, 'application/vnd.nnbook.images+json');
    const p = payloadOf(sink.displays[0]);
    assert.deepStrictEqual([p.width, p.height, p.total, p.title], [4, 4, 3, 'conv']);
  });
});
