import assert from 'node:assert/strict';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { compileCell } from './compileCell';
import { createTestRuntime, evaluateCompiled } from './testing/TestKernel';

/** Runs a cell that throws; returns the cell-source position of the top stack frame in it. */
async function throwingFrame(source: string, known: string[] = []) {
  const cell = compileCell(source, { filename: 'cell 7', known: new Set(known) });
  const url = `sourcemap-test-${Math.random().toString(36).slice(2)}.js`;
  const error = await evaluateCompiled(cell, url)({}, createTestRuntime()).then(
    () => assert.fail('the cell should throw'),
    (e: Error) => e,
  );
  const frame = error.stack!.split('\n').find((line) => line.includes(url));
  assert.ok(frame, `no frame for ${url} in:\n${error.stack}`);
  const [line, column] = frame.slice(frame.indexOf(url) + url.length + 1).split(/[:)]/).map(Number);
  const map = JSON.parse(cell.map);
  assert.deepEqual(map.sources, ['cell 7']);
  assert.deepEqual(map.sourcesContent, [source]);
  const original = originalPositionFor(new TraceMap(map), { line, column: column - 1 });
  return { line: original.line, column: original.column === null ? null : original.column + 1, generated: { line, column } };
}

describe('compileCell: source maps', () => {
  it('a throw on cell line 5 (column 3) in a nested function maps back to line 5', async () => {
    const source = [
      "import type { Tensor } from '@tensorflow/tfjs'",
      'interface Cfg { depth: number }',
      'function outer(cfg: Cfg) {',
      '  const inner = (): never => {',
      "  throw new Error('boom ' + cfg.depth)",
      '  }',
      '  return inner()',
      '}',
      'outer({ depth: 1 })',
    ].join('\n');
    const at = await throwingFrame(source);
    assert.equal(at.line, 5);
    assert.equal(at.column, 9); // V8 points at `new Error(…)`
  });

  it('columns survive removed type annotations earlier on the line', async () => {
    const source = 'const a: number = 1\nconst fail = (x: Record<string, number>): void => { const y: string = "" + x; null!.boom }\nfail({})';
    const at = await throwingFrame(source);
    assert.equal(at.line, 2);
    assert.equal(source.split('\n')[1].slice(at.column! - 1).startsWith('boom'), true);
  });

  it('line 1 (shared with the wrapper and prologue) maps back', async () => {
    const source = 'function f(): void { throw new TypeError("x") } f()';
    const at = await throwingFrame(source);
    assert.deepEqual([at.line, at.column], [1, 28]);
  });

  it('frames through rewritten scope references map back', async () => {
    const source = 'let model: any = null\n\nconst r = await Promise.resolve(1)\n  model.fit(r)';
    const at = await throwingFrame(source);
    assert.equal(at.line, 4);
    assert.equal(at.generated.line, 4, 'generated lines equal cell lines');
  });

  it('generated line N is cell line N (readable raw stack traces)', () => {
    const source = "import * as tf from '@tensorflow/tfjs'\nexport const {\n  a,\n  b } = { a: 1, b: 2 }\nenum E { X }\nclass K {}\nfunction f() {}\nmarker";
    const js = compileCell(source, { filename: 'c', known: new Set() }).js;
    assert.equal(js.split('\n').findIndex((l) => l.includes('marker')), 7);
  });
});
