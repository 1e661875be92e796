import * as assert from 'assert';
import { resultItems, resultStamp } from './resultOutput';

describe('resultOutput', () => {
  it('shows a value, and nothing for a cell without one', () => {
    const value = [{ mime: 'text/plain', data: '42' }];
    assert.deepStrictEqual(resultItems({ status: 'ok', ms: 1, tensorsDelta: 0, numTensors: 0, value }), value);
    assert.strictEqual(resultItems({ status: 'ok', ms: 1, tensorsDelta: 0, numTensors: 0 }), undefined);
    assert.strictEqual(resultItems({ status: 'cancelled' }), undefined);
  });

  it('shows errors and interrupts as error items that say what happened', () => {
    const [err] = resultItems({ status: 'error', ms: 1, name: 'TypeError', message: 'x', stack: 'TypeError: x\n    at cell 1:2:3' })!;
    assert.strictEqual(err.mime, 'application/vnd.code.notebook.error');
    assert.deepStrictEqual(JSON.parse(err.data), { name: 'TypeError', message: 'x', stack: 'TypeError: x\n    at cell 1:2:3' });
    const [forced] = resultItems({ status: 'interrupted', ms: 3000, how: 'forced', stateLost: true })!;
    assert.strictEqual(JSON.parse(forced.data).name, 'Interrupted (forced)');
    assert.match(JSON.parse(forced.data).message, /All variables were lost/);
    const [coop] = resultItems({ status: 'interrupted', ms: 5, how: 'cooperative', stateLost: false })!;
    assert.match(JSON.parse(coop.data).message, /Variables are kept/);
  });

  it('stamps time (rounded to 0.1 ms) and tensor counts; a cancelled cell has no stamp', () => {
    assert.deepStrictEqual(resultStamp({ status: 'ok', ms: 12.345, tensorsDelta: 2, numTensors: 9 }), { ms: 12.3, tensorsDelta: 2, numTensors: 9 });
    assert.deepStrictEqual(resultStamp({ status: 'error', ms: 1, name: 'E', message: '', stack: '', tensorsDelta: 1 }), { ms: 1, tensorsDelta: 1 });
    assert.deepStrictEqual(resultStamp({ status: 'interrupted', ms: 2, how: 'cooperative', stateLost: false }), { ms: 2 });
    assert.strictEqual(resultStamp({ status: 'cancelled' }), undefined);
  });
});
