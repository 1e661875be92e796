import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fileValueToJsonText, jsonTextToFileValue } from './jsonItemData';

describe('format: JSON item data', function () {
  this.timeout(30_000); // property tests: generous on a loaded CI machine

  it('writes compact JSON of a non-string as the value', () => {
    assert.deepEqual(jsonTextToFileValue('{"loss":[1,0.5]}'), { loss: [1, 0.5] });
    assert.deepEqual(jsonTextToFileValue('[]'), []);
    assert.equal(jsonTextToFileValue('3'), 3);
    assert.equal(jsonTextToFileValue('null'), null);
  });

  it('writes anything else as a string, so it reads back unchanged', () => {
    for (const text of ['', 'not json', '{ "a": 1 }', '"quoted"', '1e400', '1.0', '{"a":1,"a":2}', '{"b":1,"1":2}']) {
      assert.equal(jsonTextToFileValue(text), text, text);
    }
  });

  it('round-trips every text exactly', () => {
    const texts = fc.oneof(fc.string({ unit: 'binary' }), fc.jsonValue().map((v) => JSON.stringify(v)), fc.json());
    fc.assert(
      fc.property(texts, (text) => {
        const written = JSON.parse(JSON.stringify(jsonTextToFileValue(text)));
        assert.equal(fileValueToJsonText(written), text);
      }),
    );
  });
});
