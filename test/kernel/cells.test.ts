import * as assert from 'assert';
import type { KernelSession } from '../../src/kernel/KernelSession';
import { newSession, ok, run } from './harness';

describe('node kernel: cell semantics', () => {
  let s: KernelSession;
  before(async () => { s = newSession(); await s.start(); });
  after(() => s.dispose());

  it('keeps top-level bindings between cells and shows the final expression', async () => {
    await ok(s, 'const a = 2;\nlet b = 20;');
    assert.strictEqual((await ok(s, 'a * b + a')).text, '42');
  });

  it('re-runs a cell that declares a const', async () => {
    await ok(s, 'const again = 1;');
    await ok(s, 'const again = 2;');
    assert.strictEqual((await ok(s, 'again')).text, '2');
  });

  it('supports types, interfaces, enums and generics', async () => {
    await ok(s, 'interface P { x: number }\nenum Color { Red, Green }\nfunction first<T>(xs: T[]): T { return xs[0]; }\nconst p: P = { x: Color.Green };');
    assert.strictEqual((await ok(s, 'first([p.x, 9]) as number')).text, '1');
  });

  it('has tf and nn pre-bound and lets a cell import @tensorflow/tfjs', async () => {
    assert.strictEqual((await ok(s, "import * as tfx from '@tensorflow/tfjs';\ntfx === tf && typeof nn.show")).text, "'function'");
    assert.strictEqual((await ok(s, "import { tensor1d } from '@tensorflow/tfjs';\nconst t1 = tensor1d([1, 2, 3]);\nt1.sum().dataSync()[0]")).text, '6');
  });

  it('awaits at top level', async () => {
    assert.strictEqual((await ok(s, 'const v = await new Promise<number>((r) => setTimeout(() => r(7), 10));\nv + 1')).text, '8');
  });

  it('keeps history, name, location, process, self in the kernel scope, not on globalThis', async () => {
    await ok(s, "const history = { loss: [1] };\nconst name = 'n';\nconst location = 3;\nconst process = 4;\nconst self = 5;");
    assert.strictEqual((await ok(s, '[history.loss[0], name, location, process, self].join(",")')).text, "'1,n,3,4,5'");
    // the kernel still works after shadowing those names
    assert.strictEqual((await ok(s, 'tf.add(1, 2).dataSync()[0]')).text, '3');
  });

  it('lets a function from one cell update a let from another', async () => {
    await ok(s, 'let counter = 0;');
    await ok(s, 'function bump() { counter++; }');
    assert.strictEqual((await ok(s, 'bump(); bump(); counter')).text, '2');
  });

  it('shows tensors with dtype, shape and values', async () => {
    const t = (await ok(s, 'tf.tensor2d([[1, 2], [3, 4]])')).text ?? '';
    assert.match(t, /dtype:\s+float32/);
    assert.match(t, /shape:\s+\[2,2\]/);
    assert.match(t, /\[\[1, 2\],\s*\[3, 4\]\]/);
  });

  it('pretty-prints objects and arrays', async () => {
    assert.strictEqual((await ok(s, "({ a: [1, 2], b: 'x' })")).text, "{ a: [ 1, 2 ], b: 'x' }");
  });

  it('reports a reference to an undeclared name as a ReferenceError', async () => {
    const r = await run(s, 'neverDeclared + 1');
    assert.strictEqual(r.result.status, 'error');
    assert.ok(r.result.status === 'error' && r.result.name === 'ReferenceError' && /neverDeclared is not defined/.test(r.result.message));
  });

  it('maps an error to the cell line and column', async () => {
    const r = await run(s, 'const ok1 = 1;\n\nfunction boom(): never {\n  throw new Error("bad");\n}\nboom();');
    assert.strictEqual(r.result.status, 'error');
    if (r.result.status !== 'error') return;
    assert.strictEqual(r.result.message, 'bad');
    assert.match(r.result.stack, /at boom \(cell \d+:4:9\)/);
    assert.match(r.result.stack, /cell \d+:6:1/);
    assert.doesNotMatch(r.result.stack, /kernel-node\.js/);
  });

  it('maps a tfjs error to the cell line that called tfjs', async () => {
    const r = await run(s, 'const m1 = tf.ones([2, 3]);\nconst m2 = tf.ones([2, 3]);\nm1.matMul(m2);');
    assert.strictEqual(r.result.status, 'error');
    if (r.result.status !== 'error') return;
    assert.match(r.result.message, /inner shapes/i);
    assert.match(r.result.stack, /cell \d+:3:\d+/);
  });

  it('reports a syntax error with its line', async () => {
    const r = await run(s, 'const x = 1;\nconst y = ;');
    assert.strictEqual(r.result.status, 'error');
    assert.ok(r.result.status === 'error' && r.result.name === 'SyntaxError' && /:2:/.test(r.result.stack), JSON.stringify(r.result));
  });

  it('streams console output while the cell runs, not only at the end', async () => {
    let ended = false;
    let seenWhileRunning = false;
    const running = run(s, "console.log('first');\nawait new Promise((r) => setTimeout(r, 60_000));\nconsole.log('never');", (m) => {
      if (m.type === 'stream' && m.text.includes('first')) {
        seenWhileRunning = !ended;
        s.interrupt(); // the cell would wait a minute: end it as soon as its first line arrived
      }
    });
    const r = await running;
    ended = true;
    assert.ok(seenWhileRunning, 'the first line arrived only after the cell ended');
    assert.strictEqual(r.result.status, 'interrupted');
    assert.ok(r.result.status === 'interrupted' && r.result.how === 'cooperative');
    assert.strictEqual(r.stdout, 'first\n');
  });

  it('caps a cell that prints a million lines, keeping the first and the last', async () => {
    const r = await ok(s, 'for (let i = 0; i < 1_000_000; i++) console.log("line " + i);');
    const streams = r.messages.filter((m) => m.type === 'stream').length;
    assert.ok(streams < 2000, `${streams} stream messages`);
    assert.match(r.stdout, /^line 0\n/);
    assert.match(r.stdout, /line 999999\n$/);
    assert.match(r.stderr, /lines of output dropped/);
    assert.ok(r.stdout.length < 3_000_000);
  });
});
