import type { Identifier } from 'acorn';
import { GeneratedCodeError } from './CellSyntaxError';

/**
 * A lexical scope of the cell's JavaScript, as far as the compiler cares: which names it
 * binds. The outermost scope is the cell itself; its names live in the kernel's `$scope`
 * object, every other scope is ordinary JavaScript the compiler leaves alone.
 */
export class Scope {
  /** Names bound here (params, let/const/var/function/class, catch bindings, …). */
  readonly names = new Set<string>();

  constructor(
    readonly parent: Scope | null,
    /**
     * `cell`: the top level (its names go to `$scope`); `body`: a function body or a class
     * static block — where `var` lands; `block`: everything else (blocks, loop heads,
     * `catch`, function parameters, a class's own name).
     */
    readonly kind: 'cell' | 'body' | 'block',
  ) {}

  /** Where a `var` declared here is bound. */
  varScope(): Scope {
    let scope: Scope = this;
    while (scope.kind === 'block' && scope.parent) scope = scope.parent;
    return scope;
  }
}

/**
 * The cell's top-level scope. Besides the names it declares (which go to `$scope`) it has
 * `localNames`: top-level bindings that stay ordinary locals of the compiled function
 * (`using` declarations, whose disposal is tied to the cell's run).
 */
export class CellScope extends Scope {
  readonly localNames = new Set<string>();
  /** Declared names in order of first appearance. */
  readonly declared: string[] = [];

  constructor() {
    super(null, 'cell');
  }

  declare(name: string): void {
    if (!this.names.has(name)) {
      this.names.add(name);
      this.declared.push(name);
    }
  }
}

/**
 * Whether a reference to `name` seen in `scope` means the kernel's `$scope.<name>`:
 * not bound by any nested scope, and either declared by this cell or already known to
 * the kernel.
 *
 * @example
 * const cell = new CellScope(); cell.declare('a');
 * const fn = new Scope(cell, 'block'); fn.names.add('b');
 * refersToCellScope(fn, 'a', new Set()) // => true
 * refersToCellScope(fn, 'b', new Set(['b'])) // => false (shadowed)
 */
export function refersToCellScope(scope: Scope, name: string, known: ReadonlySet<string>): boolean {
  let current: Scope = scope;
  while (current.parent) {
    if (current.names.has(name)) return false;
    current = current.parent;
  }
  const cell = current as CellScope;
  if (cell.localNames.has(name)) return false;
  return cell.names.has(name) || known.has(name);
}

/** The compiled function's own parameters: a cell binding them would break the rewrite. */
const RESERVED_NAMES = new Set(['$scope', '$rt']);

/** Throws (at the binding) if a cell tries to declare `$scope` or `$rt`, at any depth. */
export function rejectReservedName(id: Identifier): void {
  if (RESERVED_NAMES.has(id.name)) throw new GeneratedCodeError(id.start, `'${id.name}' is reserved in cells`);
}
