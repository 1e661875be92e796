import assert from 'node:assert/strict';
import { CellSyntaxError } from './CellSyntaxError';
import { forEachScopeKind } from './testing/TestKernel';

describe('compileCell: TypeScript syntax', () => {
  forEachScopeKind((makeKernel) => {
    it('types, interfaces and type aliases vanish', async () => {
      const k = makeKernel();
      const v = await k.run(`
        interface Layer { units: number; activation?: 'relu' | 'sigmoid' }
        type Shape = [number, number]
        declare const injected: number
        const layer: Layer = { units: 4 }
        const shape: Shape = [2, 3]
        layer.units * shape[1]
      `);
      assert.equal(v, 12);
      assert.deepEqual(k.last!.declared, ['layer', 'shape']);
    });

    it('generics, `as`, `<T>` assertions, `!`, `satisfies`', async () => {
      const k = makeKernel();
      const v = await k.run(`
        function first<T>(xs: T[]): T { return xs[0] }
        const id = <T,>(x: T): T => x
        const maybe: number[] | undefined = [5]
        const n = first<number>(maybe!) as unknown as number
        const m = <number>id(2)
        const cfg = { lr: 0.1 } satisfies Record<string, number>
        n + m + cfg.lr
      `);
      assert.equal(v, 7.1);
    });

    it('enums: numeric, string, computed from scope names', async () => {
      const k = makeKernel();
      await k.run('const BASE = 10');
      await k.run("enum Color { Red, Green = BASE, Blue }\nenum Dir { Up = 'UP' }\nconst enum Small { A = 1 }");
      assert.deepEqual(await k.run('[Color.Red, Color.Green, Color.Blue, Color[11], Dir.Up, Small.A]'), [0, 10, 11, 'Blue', 'UP', 1]);
      assert.deepEqual(k.known.has('Color') && k.known.has('Dir') && k.known.has('Small'), true);
    });

    it('re-running an edited enum drops the old members', async () => {
      const k = makeKernel();
      await k.run('enum Mode { Train, Eval }');
      await k.run('enum Mode { Infer }');
      assert.deepEqual(await k.run('Object.keys(Mode)'), ['0', 'Infer']);
    });

    it('two declarations of one enum in a cell merge', async () => {
      const k = makeKernel();
      await k.run('enum E { A }\nenum E { B = 1 }');
      assert.deepEqual(await k.run('[E.A, E.B]'), [0, 1]);
    });

    it('exported enums', async () => {
      const k = makeKernel();
      assert.equal(await k.run('export enum X { One = 1 }\nX.One'), 1);
    });

    it('classes: fields, private #x, parameter properties, abstract, implements, accessors', async () => {
      const k = makeKernel();
      const v = await k.run(`
        interface HasLoss { loss(): number }
        abstract class Base implements HasLoss { abstract loss(): number; protected readonly tag: string = 'base' }
        class Dense extends Base {
          #weights: number[] = [1, 2];
          private static count = 0;
          declare note: string;
          constructor(public units: number, private scale = 2) { super(); Dense.count++ }
          get total(): number { return this.#weights.reduce((a, b) => a + b, 0) * this.scale }
          loss(): number { return this.units + this.total }
          static made(): number { return Dense.count }
        }
        const d = new Dense(3)
        ;[d.loss(), d.units, Dense.made(), d.tag, 'note' in d]
      `);
      assert.deepEqual(v, [9, 3, 1, 'base', false]);
    });

    it('function overloads and `this` parameters', async () => {
      const k = makeKernel();
      const v = await k.run(`
        function pick(x: string): string
        function pick(x: number): number
        function pick(x: any) { return x }
        function self(this: void, y?: number) { return y ?? 0 }
        pick(3) + self(1)
      `);
      assert.equal(v, 4);
    });

    it('definite assignment and optional chaining stay intact', async () => {
      const k = makeKernel();
      assert.equal(await k.run('let x!: number\nx = 2\nconst o: { a?: { b: number } } = {};\n(o.a?.b ?? x)'), 2);
    });

    it('type-only and ambient namespaces are fine', async () => {
      const k = makeKernel();
      assert.equal(await k.run('namespace Types { export type A = number }\ndeclare namespace Ext { const v: number }\ndeclare module "m" {}\nconst a: Types.A = 1\na'), 1);
    });

    it('namespaces with values are rejected with a clear error (sucrase would drop them)', () => {
      const k = makeKernel();
      assert.throws(() => k.compile('const a = 1\nnamespace N { export const b = 2 }'), (e: unknown) => {
        assert.ok(e instanceof CellSyntaxError);
        assert.equal(e.line, 2);
        assert.equal(e.column, 1);
        assert.match(e.message, /namespaces with values are not supported/);
        return true;
      });
    });

    it('a value named `namespace` or `module` is fine', async () => {
      const k = makeKernel();
      assert.equal(await k.run('const namespace = 1, module = 2\nnamespace + module'), 3);
    });
  });
});
