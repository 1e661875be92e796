import assert from 'node:assert/strict';
import { forEachScopeKind } from './testing/TestKernel';

describe('compileCell: await and the cell value', () => {
  forEachScopeKind((makeKernel) => {
    it('top-level await and the final expression value', async () => {
      const k = makeKernel();
      assert.equal(await k.run('const v = await Promise.resolve(20)\nv + 1'), 21);
    });

    it('every await goes through $rt.awaiting, nested async functions included', async () => {
      const k = makeKernel();
      await k.run(`
        async function twice(x: number) { return (await Promise.resolve(x)) * 2 }
        const arrow = async () => await twice(await Promise.resolve(1))
        const r = await arrow()
      `);
      assert.equal(k.scope.r, 2);
      // arrow: 2 awaits, twice: 1, top level: 1
      assert.equal(k.rt.awaitCount, 4);
    });

    it('await inside class methods and object methods', async () => {
      const k = makeKernel();
      await k.run('class A { async m() { return await 1 } }\nconst o = { async n() { await null; return 2 } }\nawait new A().m() + await o.n()');
      assert.equal(k.rt.awaitCount, 4);
    });

    it('`for await` is left alone; awaits in its body are counted', async () => {
      const k = makeKernel();
      const value = await k.run(`
        async function* gen() { yield 1; yield 2 }
        let sum = 0
        for await (const x of gen()) sum += await Promise.resolve(x)
        sum
      `);
      assert.equal(value, 3);
      assert.equal(k.rt.awaitCount, 2);
    });

    it('await typeof and await of a scope name', async () => {
      const k = makeKernel();
      k.known.add('missing');
      await k.run('const p = Promise.resolve(5)');
      assert.deepEqual(await k.run('[await typeof missing, await p]'), ['undefined', 5]);
    });

    it('a cell ending in a declaration or statement returns undefined', async () => {
      const k = makeKernel();
      assert.equal(await k.run('const a = 1'), undefined);
      assert.equal(await k.run('1 + 1\nif (true) {}'), undefined);
      assert.equal(await k.run('function f() {}'), undefined);
      assert.equal(await k.run(''), undefined);
    });

    it('an assignment as the final statement returns its value', async () => {
      const k = makeKernel();
      await k.run('let a = 0');
      assert.equal(await k.run('a = 5'), 5);
    });

    it('the final expression may be parenthesised, a sequence, or followed by ;; and comments', async () => {
      const k = makeKernel();
      assert.equal(await k.run('(function () { return 3 })()'), 3);
      assert.equal(await k.run('(1, 2)'), 2);
      assert.equal(await k.run('4;;'), 4);
      assert.equal(await k.run('5 // five'), 5);
      assert.equal(await k.run('6 /* six */ ;'), 6);
      assert.deepEqual(await k.run('({ a: 1 })'), { a: 1 });
    });

    it('`{a: 1}` at the top level is a block with a label (JS rules)', async () => {
      const k = makeKernel();
      assert.equal(await k.run('{a: 1}'), undefined);
    });

    it('the final expression may await', async () => {
      const k = makeKernel();
      assert.equal(await k.run('await Promise.resolve("done")'), 'done');
      assert.equal(k.rt.awaitCount, 1);
    });

    it('errors thrown by the cell reject the returned promise', async () => {
      const k = makeKernel();
      await assert.rejects(k.run('throw new RangeError("bad")'), RangeError);
    });
  });
});
