import assert from 'node:assert/strict';
import { forEachScopeKind } from './testing/TestKernel';

describe('compileCell: references to scope names', () => {
  forEachScopeKind((makeKernel) => {
    it('a function from one cell mutates a let from another', async () => {
      const k = makeKernel();
      await k.run('let n = 0');
      await k.run('function inc() { n++ }');
      assert.equal(await k.run('inc(); inc(); n'), 2);
    });

    it('compound assignment, update and logical assignment', async () => {
      const k = makeKernel();
      await k.run('let a = 1, b = 0, c: number | null = null');
      await k.run('a += 2; a **= 2; b--; --b; c ??= 7; a ||= 0');
      assert.deepEqual([k.scope.a, k.scope.b, k.scope.c], [9, -2, 7]);
    });

    it('destructuring assignment to scope names', async () => {
      const k = makeKernel();
      await k.run('let x = 0, y = 0, z = 0');
      await k.run('[x, y] = [1, 2]; ({ z, w: y = 5 } = { z: 3 } as any)');
      assert.deepEqual([k.scope.x, k.scope.y, k.scope.z], [1, 5, 3]);
    });

    it('shorthand properties read the scope value', async () => {
      const k = makeKernel();
      await k.run('const lr = 0.1, epochs = 3');
      assert.deepEqual(await k.run('const cfg = { lr, epochs, extra: 1 }\ncfg'), { lr: 0.1, epochs: 3, extra: 1 });
    });

    it('shorthand with default in a nested assignment pattern', async () => {
      const k = makeKernel();
      await k.run('let q = 0');
      await k.run('({ q = 4 } = {})');
      assert.equal(k.scope.q, 4);
    });

    it('parameters, locals, catch bindings and function names shadow scope names', async () => {
      const k = makeKernel();
      await k.run('const a = "scope", b = "scope", e = "scope", g = "scope", C = "scope"');
      const result = await k.run(`
        function f(a: string) { const b = 'local'; return [a, b] }
        let caught = ''
        try { throw 'err' } catch (e) { caught = e as string }
        const h = function g() { return typeof g }
        const K = class C { who() { return typeof C } }
        ;[f('param'), caught, h(), new K().who(), a, b, e, g, C]
      `);
      assert.deepEqual(result, [['param', 'local'], 'err', 'function', 'function', 'scope', 'scope', 'scope', 'scope', 'scope']);
    });

    it('a nested local declared after use still shadows (hoisting in nested scopes)', async () => {
      const k = makeKernel();
      await k.run('const v = "scope"');
      assert.equal(await k.run('function f() { const r = typeof v; var v = 1; return r }\nf()'), 'undefined');
    });

    it('default parameter values read scope names', async () => {
      const k = makeKernel();
      await k.run('const base = 10');
      assert.equal(await k.run('const add = (x: number, y = base) => x + y\nadd(1)'), 11);
    });

    it('a default parameter is not shadowed by a var in the body', async () => {
      const k = makeKernel();
      await k.run('const d = 1');
      assert.equal(await k.run('function f(x = d) { var d = 2; return x }\nf()'), 1);
    });

    it('template literals, tagged templates, spreads, optional chains', async () => {
      const k = makeKernel();
      await k.run('const who = "net", parts = [1, 2], obj: any = { deep: { v: 3 } }, tag = (s: TemplateStringsArray, v: number) => s[0] + v');
      assert.deepEqual(await k.run('[`hi ${who}`, tag`x${parts[1]}`, Math.max(...parts), obj?.deep?.v, obj?.nope?.v]'), ['hi net', 'x2', 2, 3, undefined]);
    });

    it('property keys, member names and labels are not scope references', async () => {
      const k = makeKernel();
      await k.run('const history = "h", name = "n", outer = "label"');
      const value = await k.run(`
        const o = { history: 1, name() { return 2 }, [name]: 3 }
        class K { history = 4; name() { return 5 } }
        let count = 0
        outer: for (let i = 0; i < 3; i++) { for (;;) { count++; continue outer } }
        ;[o.history, o.name(), o.n, new K().history, new K().name(), count, outer]
      `);
      assert.deepEqual(value, [1, 2, 3, 4, 5, 3, 'label']);
    });

    it('names not known stay globals', async () => {
      const k = makeKernel();
      assert.equal(await k.run('Math.max(1, 2) + parseInt("3")'), 5);
    });

    it('typeof of a known name that is missing from the scope does not throw', async () => {
      const k = makeKernel();
      k.known.add('ghost');
      assert.equal(await k.run('typeof ghost'), 'undefined');
      assert.equal(await k.run('typeof (ghost)'), 'undefined');
      assert.equal(await k.run('function f() { return typeof ghost === "undefined" }\nf()'), true);
    });

    it('typeof of a present name', async () => {
      const k = makeKernel();
      await k.run('const s = "x"');
      assert.equal(await k.run('typeof s'), 'string');
    });

    it('class bodies, field initializers, static blocks and private fields read scope names', async () => {
      const k = makeKernel();
      await k.run('const init = 3');
      const v = await k.run(`
        class P { #x = init; static s: number; static { P.s = init * 2 } get x() { return this.#x } has(o: object) { return #x in o } }
        const p = new P()
        ;[p.x, P.s, p.has(p), p.has({})]
      `);
      assert.deepEqual(v, [3, 6, true, false]);
    });

    it('switch cases, while loops and closures over scope names', async () => {
      const k = makeKernel();
      await k.run('let total = 0');
      await k.run('let i = 0\nwhile (i < 3) { switch (i) { case 1: total += 10; break; default: total += 1 } i++ }');
      assert.equal(k.scope.total, 12);
    });

    it('a scope function called from a later cell sees the latest value', async () => {
      const k = makeKernel();
      await k.run('let lr = 1\nconst getLr = () => lr');
      await k.run('lr = 2');
      assert.equal(await k.run('getLr()'), 2);
    });

    it('`this` at the top level is undefined (strict mode)', async () => {
      const k = makeKernel();
      assert.equal(await k.run('this'), undefined);
      await assert.rejects(k.run('undeclaredGlobal = 1'), ReferenceError);
    });
  });
});
