import assert from 'node:assert/strict';
import { forEachScopeKind } from './testing/TestKernel';

describe('compileCell: top-level declarations', () => {
  forEachScopeKind((makeKernel) => {
    it('const, let and var land in $scope', async () => {
      const k = makeKernel();
      await k.run('const a = 1\nlet b = 2\nvar c = 3');
      assert.deepEqual([k.scope.a, k.scope.b, k.scope.c], [1, 2, 3]);
      assert.deepEqual(k.last!.declared, ['a', 'b', 'c']);
    });

    it('`const x = 1, y = x + 1` evaluates in order', async () => {
      const k = makeKernel();
      assert.equal(await k.run('const x = 1, y = x + 1\ny'), 2);
    });

    it('re-running a cell that declares const works', async () => {
      const k = makeKernel();
      await k.run('const a = 1');
      await k.run('const a = 2');
      assert.equal(await k.run('a'), 2);
    });

    it('let without initializer is reset to undefined on every run', async () => {
      const k = makeKernel();
      await k.run('let u = 5');
      await k.run('let u');
      assert.equal(await k.run('typeof u'), 'undefined');
      assert.ok('u' in k.scope);
    });

    it('var without initializer keeps an existing value, like JS', async () => {
      const k = makeKernel();
      await k.run('var v = 5');
      await k.run('var v');
      assert.equal(await k.run('v'), 5);
    });

    it('var is hoisted: readable (undefined) before its declaration', async () => {
      const k = makeKernel();
      assert.equal(await k.run('const before = h\nvar h = 1\nbefore'), undefined);
    });

    it('object, array, nested, default and rest destructuring', async () => {
      const k = makeKernel();
      await k.run(`
        const { a, b: [c, d = 4], e: { f } = { f: 6 }, ...rest } = { a: 1, b: [3], g: 7, h: 8 };
        const [p, , q = 10, ...others] = [1, 2, undefined, 4, 5];
      `);
      assert.deepEqual(
        [k.scope.a, k.scope.c, k.scope.d, k.scope.f, k.scope.rest, k.scope.p, k.scope.q, k.scope.others],
        [1, 3, 4, 6, { g: 7, h: 8 }, 1, 10, [4, 5]],
      );
      assert.deepEqual(k.last!.declared, ['a', 'c', 'd', 'f', 'rest', 'p', 'q', 'others']);
    });

    it('destructuring after a line without semicolon does not call it (ASI)', async () => {
      const k = makeKernel();
      await k.run('const f = () => 1\nconst { a } = { a: 2 }\nconst [b] = [3]');
      assert.deepEqual([k.scope.a, k.scope.b], [2, 3]);
    });

    it('a declaration followed by a parenthesised line keeps JS semantics', async () => {
      const k = makeKernel();
      await k.run('let log: number[] = []\nclass A {}\n(log as number[]).push(1)');
      assert.deepEqual(k.scope.log, [1]);
    });

    it('functions are hoisted: callable before their declaration', async () => {
      const k = makeKernel();
      assert.equal(await k.run('const r = twice(4)\nfunction twice(x: number) { return 2 * x }\nr'), 8);
      assert.equal(typeof k.scope.twice, 'function');
    });

    it('recursive top-level functions work', async () => {
      const k = makeKernel();
      assert.equal(await k.run('function fact(n: number): number { return n <= 1 ? 1 : n * fact(n - 1) }\nfact(5)'), 120);
    });

    it('async and generator functions', async () => {
      const k = makeKernel();
      assert.deepEqual(await k.run('function* g() { yield 1; yield 2 }\nasync function h() { return [...g()] }\nawait h()'), [1, 2]);
    });

    it('classes become $scope entries and keep their own name inside', async () => {
      const k = makeKernel();
      await k.run('class Counter { static make() { return new Counter() } n = 0 }');
      const C = k.scope.Counter as { make(): unknown; name: string };
      assert.equal(C.name, 'Counter');
      assert.ok(C.make() instanceof (C as unknown as new () => unknown));
    });

    it('`export` is dropped, the declaration kept', async () => {
      const k = makeKernel();
      await k.run('export const a = 1\nexport function f() { return a }\nexport class K {}\nexport { a as b }\nexport default function g() { return 2 }');
      assert.equal(await k.run('f() + g()'), 3);
      assert.deepEqual(k.known, new Set(['a', 'f', 'K', 'g']));
    });

    it('for-loop variables at top level stay local', async () => {
      const k = makeKernel();
      await k.run('const fns: (() => number)[] = []\nfor (let i = 0; i < 3; i++) fns.push(() => i)\nfor (const x of [7]) fns.push(() => x)');
      assert.deepEqual((k.scope.fns as (() => number)[]).map((f) => f()), [0, 1, 2, 7]);
      assert.equal('i' in k.scope, false);
      assert.equal('x' in k.scope, false);
      assert.deepEqual(k.last!.declared, ['fns']);
    });

    it('block-scoped declarations inside top-level blocks stay local', async () => {
      const k = makeKernel();
      await k.run('if (true) { const inner = 1; function g() {} class H {} }\n{ let blockLocal = 2 }');
      assert.deepEqual(k.last!.declared, []);
    });

    it('`var` inside top-level blocks and loop heads is a cell variable (JS semantics)', async () => {
      const k = makeKernel();
      await k.run('for (var i = 0; i < 3; i++) {}\nif (true) { var seen = i }\nfor (var key in { z: 1 }) {}\nfor (var [m, n] of [[1, 2]]) {}');
      assert.deepEqual([k.scope.i, k.scope.seen, k.scope.key, k.scope.m, k.scope.n], [3, 3, 'z', 1, 2]);
    });

    it('var as the lone body of an if', async () => {
      const k = makeKernel();
      await k.run('if (true) var only = 1; else var other = 2');
      assert.deepEqual([k.scope.only, k.scope.other], [1, undefined]);
    });

    for (const name of ['history', 'name', 'location', 'process', 'self', 'global', 'globalThis', 'window', 'document']) {
      it(`a cell may declare \`${name}\``, async () => {
        const k = makeKernel();
        await k.run(`const ${name} = await Promise.resolve({ loss: [1] })`);
        assert.deepEqual(await k.run(`${name}.loss`), [1]);
        assert.deepEqual(await k.run(`function get() { return ${name} }\nget().loss[0]`), 1);
      });
    }

    it('`process` as a cell name does not touch the real process', async () => {
      const k = makeKernel();
      await k.run('const process = 2');
      assert.equal(typeof process.exit, 'function');
      assert.equal(await k.run('process * 2'), 4);
    });
  });
});
