import type {
  AwaitExpression, ClassDeclaration, ExpressionStatement, Identifier, ImportDeclaration, Node,
  UnaryExpression, VariableDeclaration,
} from 'acorn';
import type { Scope } from './Scope';

/**
 * What the analysis decided to change, in the order the rewriter must apply it:
 * pre-order (an enclosing construct before what it contains), which makes insertions
 * at a shared offset nest correctly.
 */
export type EditIntent =
  | ScopeReference
  | { kind: 'await'; node: AwaitExpression }
  | CellVariableDeclaration
  | { kind: 'class'; node: ClassDeclaration }
  | { kind: 'import'; node: ImportDeclaration }
  /** Drop `export` / `export default` in front of a declaration. */
  | { kind: 'stripExport'; node: Node; declaration: Node }
  /** Drop a whole statement (`export { a }`, `export * from 'x'`). */
  | { kind: 'remove'; node: Node }
  /** The cell's final expression statement: its value is the cell's result. */
  | { kind: 'return'; node: ExpressionStatement };

/** An identifier that reads, writes or (top-level pattern) binds `$scope.<name>`. */
export interface ScopeReference {
  kind: 'ref';
  id: Identifier;
  /** The scope the identifier appears in (resolved after the whole cell is analysed). */
  scope: Scope;
  /** `{ x }` / `{ x = 1 }`: must become `{ x: $scope.x }`. */
  shorthand: boolean;
  /** `typeof x`: must not throw if the kernel has no `x`. */
  typeofNode?: UnaryExpression;
}

/** Where a cell-level `var`/`let`/`const` stands; decides the punctuation its rewrite needs. */
export type DeclarationPosition =
  /** In a statement list: may need a leading `;` (ASI) and a trailing one. */
  | 'list'
  /** The lone body of `if`/`while`/a label: `var` only. */
  | 'single'
  | 'forInit'
  | 'forLeft';

/** A `var`/`let`/`const` whose names live in `$scope`: it becomes assignments. */
export interface CellVariableDeclaration {
  kind: 'variables';
  node: VariableDeclaration;
  position: DeclarationPosition;
  /**
   * The `var E;` of a lowered enum, first in this cell: reset `$scope.E` so that re-running
   * an edited enum does not keep stale members (`var` alone would keep the old object).
   */
  resetsEnum: boolean;
}
