import * as assert from 'node:assert/strict';
import { CellOutputCollector } from './CellOutputCollector';

describe('CellOutputCollector', () => {
  it('a display with a displayId already shown replaces that output in place; updates are not stored', () => {
    const c = new CellOutputCollector();
    const chart = (n: number) => [{ mime: 'application/vnd.nnbook.chart+json', data: JSON.stringify({ n }) }];
    c.write({ type: 'display', id: '1', displayId: 'd1', items: chart(1) });
    c.write({ type: 'stream', id: '1', name: 'stdout', text: 'epoch 1\n' });
    c.write({ type: 'update', displayId: 'd1', delta: { seq: 1 } });
    c.write({ type: 'display', id: '1', displayId: 'd1', items: chart(2) });
    c.write({ type: 'display', id: '1', displayId: 'd2', items: chart(3) });
    c.write({ type: 'display', id: '1', items: chart(4) });
    c.write({ type: 'display', id: '1', items: chart(5) });
    const out = c.finish({ status: 'ok', ms: 1, tensorsDelta: 0, numTensors: 0 });
    assert.deepEqual(out.map((o) => o.items[0].data), ['{"n":2}', 'epoch 1\n', '{"n":3}', '{"n":4}', '{"n":5}']);
    assert.deepEqual(out[0].metadata, { nnbook: { displayId: 'd1' } });
  });

  it('stamping the last output keeps its displayId', () => {
    const c = new CellOutputCollector();
    c.write({ type: 'display', id: '1', displayId: 'd1', items: [{ mime: 'application/vnd.nnbook.chart+json', data: '{}' }] });
    const out = c.finish({ status: 'ok', ms: 2, tensorsDelta: 0, numTensors: 3 });
    assert.deepEqual(out[0].metadata, { nnbook: { displayId: 'd1', ms: 2, tensorsDelta: 0, numTensors: 3 } });
  });
});
