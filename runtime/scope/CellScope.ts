/**
 * The bindings that cells share. Compiled cells read and write `$scope.name`
 * (src/compile), so this object — not `globalThis` — holds `history`, `name`,
 * `location` or `process` when a cell declares them.
 *
 * Reading a name nobody declared throws a ReferenceError, as JavaScript would.
 * Re-declaring a name that held a tensor or a model disposes the old value, unless
 * another binding still holds it (see `releaseRebound`).
 *
 * @example
 * const scope = new CellScope({ tf });
 * scope.proxy.a = 1;
 * scope.proxy.b;              // throws ReferenceError: b is not defined
 */
export class CellScope {
  private readonly values: Record<string, unknown> = Object.create(null);
  readonly proxy: Record<string, unknown>;

  constructor(prebound: Record<string, unknown>, private readonly release: (value: unknown, stillHeld: (v: unknown) => boolean) => void) {
    Object.assign(this.values, prebound);
    this.proxy = new Proxy(this.values, {
      get(target, key) {
        if (typeof key === 'symbol' || key in target) return target[key as string];
        throw new ReferenceError(`${key} is not defined`);
      },
    });
  }

  /** What the names a cell is about to declare hold now. */
  snapshot(names: readonly string[]): Map<string, unknown> {
    const before = new Map<string, unknown>();
    for (const n of names) if (n in this.values) before.set(n, this.values[n]);
    return before;
  }

  /**
   * After a cell ran: every value from `before` that a binding no longer holds is given
   * to `release` (which disposes tensors and models). Identity is what counts, so
   * `const b = a` keeps `a`'s old tensor alive under `b`.
   */
  releaseRebound(before: Map<string, unknown>): void {
    const held = new Set<unknown>(Object.values(this.values));
    for (const [name, old] of before) {
      if (this.values[name] === old || held.has(old)) continue;
      this.release(old, (v) => held.has(v));
    }
  }

  has(name: string): boolean {
    return name in this.values;
  }

  names(): string[] {
    return Object.keys(this.values);
  }
}
