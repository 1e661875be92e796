import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { JsonSyntaxError } from './jsonSyntaxError';
import { MAX_JSON_DEPTH, parseJsonStrict } from './parseJsonStrict';

function failure(text: string): { reason: string; offset: number } {
  try {
    parseJsonStrict(text);
  } catch (e) {
    assert.ok(e instanceof JsonSyntaxError);
    return { reason: e.reason, offset: e.offset };
  }
  assert.fail(`parsed: ${text}`);
}

describe('format: parseJsonStrict', function () {
  this.timeout(30_000); // property tests: generous on a loaded CI machine

  it('parses every kind of value like JSON.parse', () => {
    const text = ' {"a": [1, -2.5e3, 0, true, false, null, "x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"], "b": {}, "c": []} ';
    assert.deepEqual(parseJsonStrict(text), JSON.parse(text));
  });

  it('agrees with JSON.parse on random JSON text', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        assert.deepEqual(parseJsonStrict(text), JSON.parse(text));
      }),
    );
  });

  it('keeps a "__proto__" key as an own field, as JSON.parse does', () => {
    const value = parseJsonStrict('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ['__proto__']);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('rejects duplicate keys at the second one', () => {
    assert.deepEqual(failure('{"a": 1, "b": {"a": 1, "a": 2}}'), { reason: 'duplicate key "a"', offset: 23 });
  });

  it('points at the first wrong character', () => {
    assert.deepEqual(failure('[1, 2,]'), { reason: "unexpected ']'", offset: 6 });
    assert.deepEqual(failure('{"a" 1}'), { reason: "unexpected '1'", offset: 5 });
    assert.deepEqual(failure('[1.]'), { reason: "unexpected ']'", offset: 3 });
    assert.deepEqual(failure('[1e+]'), { reason: "unexpected ']'", offset: 4 });
    assert.deepEqual(failure('[-]'), { reason: "unexpected ']'", offset: 2 });
    assert.deepEqual(failure('[01]'), { reason: "unexpected '1'", offset: 2 });
    assert.deepEqual(failure('nul'), { reason: 'unexpected end of file', offset: 3 });
    assert.deepEqual(failure(''), { reason: 'unexpected end of file', offset: 0 });
    assert.deepEqual(failure('[\u00a0]'), { reason: 'unexpected character U+00A0', offset: 1 });
    assert.deepEqual(failure('{} {}'), { reason: "unexpected '{' after the end of the JSON value", offset: 3 });
  });

  it('reports string problems', () => {
    assert.deepEqual(failure('"abc'), { reason: 'unterminated string', offset: 0 });
    assert.deepEqual(failure('"ab\\'), { reason: 'unterminated string', offset: 3 });
    assert.deepEqual(failure('"a\tb"'), { reason: 'unexpected control character U+0009 in a string (write it as an escape)', offset: 2 });
    assert.deepEqual(failure('"\\x"'), { reason: "invalid escape '\\x' in a string", offset: 1 });
    assert.deepEqual(failure('"\\u00"'), { reason: 'invalid \\u escape in a string (expected 4 hex digits)', offset: 1 });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses more, without overflowing the stack`, () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    assert.doesNotThrow(() => parseJsonStrict(ok));
    const deep = '['.repeat(100_000);
    assert.deepEqual(failure(deep), { reason: `nesting deeper than ${MAX_JSON_DEPTH} levels`, offset: MAX_JSON_DEPTH });
  });
});
