import { compileCell, type CompiledCell } from '../index';

/** The runtime object a compiled cell receives as `$rt`, instrumented for tests. */
export interface TestRuntime {
  import(specifier: string): unknown;
  awaiting<T>(value: T): Promise<Awaited<T>>;
  /** How many times `awaiting` was called. */
  awaitCount: number;
  /** Specifiers passed to `import`, in order. */
  imported: string[];
}

export function createTestRuntime(modules: Record<string, unknown> = {}): TestRuntime {
  const rt: TestRuntime = {
    awaitCount: 0,
    imported: [],
    import(specifier) {
      rt.imported.push(specifier);
      if (!(specifier in modules)) throw new Error(`Cannot find module '${specifier}'`);
      return modules[specifier];
    },
    async awaiting<T>(value: T): Promise<Awaited<T>> {
      rt.awaitCount++;
      return await value;
    },
  };
  return rt;
}

/**
 * A scope like the kernel may use: reading a name it does not have throws a
 * ReferenceError, as a real missing variable would.
 */
export function createStrictScope(): Record<string, unknown> {
  return new Proxy<Record<string, unknown>>(Object.create(null), {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) throw new ReferenceError(`${key} is not defined`);
      return target[key as string];
    },
  });
}

/**
 * A minimal stand-in for the kernel: compiles cells with the names known so far, runs
 * them (indirect eval + `sourceURL`, like the runtime) against one shared scope, then
 * adds what they declared to the known names.
 *
 * @example
 * const kernel = new TestKernel();
 * await kernel.run('let n = 1');
 * await kernel.run('n + 1') // => 2
 */
export class TestKernel {
  readonly known = new Set<string>();
  readonly scope: Record<string, unknown>;
  readonly rt: TestRuntime;
  cellCount = 0;
  last?: CompiledCell;

  constructor(options: { strict?: boolean; modules?: Record<string, unknown> } = {}) {
    this.scope = options.strict ? createStrictScope() : {};
    this.rt = createTestRuntime(options.modules);
  }

  compile(source: string): CompiledCell {
    this.cellCount++;
    this.last = compileCell(source, { filename: `cell ${this.cellCount}`, known: this.known });
    return this.last;
  }

  /** Compiles and runs one cell; resolves to its value. */
  async run(source: string): Promise<unknown> {
    const cell = this.compile(source);
    const fn = evaluateCompiled(cell, `cell${this.cellCount}.js`);
    for (const name of cell.declared) this.known.add(name);
    return fn(this.scope, this.rt);
  }
}

type CellFunction = (scope: Record<string, unknown>, rt: TestRuntime) => Promise<unknown>;

/** What the runtime does with `CompiledCell.js`. */
export function evaluateCompiled(cell: CompiledCell, sourceUrl: string): CellFunction {
  return (0, eval)(`${cell.js}\n//# sourceURL=${sourceUrl}`) as CellFunction;
}

/** Runs the same test body against a plain-object scope and a throwing Proxy scope. */
export function forEachScopeKind(body: (makeKernel: (modules?: Record<string, unknown>) => TestKernel) => void): void {
  for (const strict of [false, true]) {
    describe(strict ? 'with a Proxy scope' : 'with a plain scope', () => {
      body((modules) => new TestKernel({ strict, modules }));
    });
  }
}
