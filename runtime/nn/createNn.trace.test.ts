import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { createNn } from './createNn';
import { payloadOf, recordingSink } from './testSink';

describe('nn.trace display (createNn wiring)', () => {
  before(async () => { await tf.setBackend('cpu'); });

  it('each step is shown as the trace kind, with its lines as the text/plain fallback', () => {
    const sink = recordingSink();
    const nn = createNn({ tf, ...sink });
    const t = nn.trace([{ W: [[0.5], [-0.5]], b: [0], activation: 'sigmoid' }], [[1, 0]], [[1]]);
    t.back();
    t.update();
    assert.equal(sink.displays.length, 3);
    assert.deepEqual(sink.displays.map((d) => payloadOf(d).step), ['forward', 'backward', 'update']);
    for (const d of sink.displays) {
      assert.deepEqual(d.items.map((i) => i.mime), ['application/vnd.nnbook.trace+json', 'text/plain']);
      assert.equal(d.items[1].data, payloadOf(d).lines.join('\n'));
    }
  });
});
