/**
 * The cell compiler: TypeScript cell source → `(async function ($scope, $rt) { … })`,
 * a JavaScript function over the kernel's persistent scope object. See `compileCell`.
 *
 * Pipeline: sucrase strips types (keeps lines) → acorn parses the JS → `ScopeWalker`
 * finds top-level declarations and the references that mean `$scope.<name>` →
 * magic-string rewrites → the two source maps are composed into one.
 *
 * Semantics worth knowing:
 * - Top-level `const`/`let`/`var`/function/class/import/enum names become `$scope`
 *   entries (`declared`); `const` is not enforced across cells (it is an assignment).
 * - Imports are `$rt.import(specifier)` calls evaluated where they stand (not hoisted);
 *   named imports are snapshots; a default import is `.default ?? module`.
 * - Every `await` becomes `await $rt.awaiting(…)`; `for await` is left as is.
 * - The final expression statement is returned; `{a: 1}` is a block, per JS.
 * - `using` declarations stay locals; `$scope`/`$rt` cannot be declared by a cell.
 *
 * Not supported (reported as `CellSyntaxError`): namespaces with values, decorators,
 * `export default <expression>`, `import.meta`, `export { x }` of a name this cell does
 * not declare. Passed through untouched: `import x = require()`/`export =` (become
 * `require`/`module.exports`), dynamic `import()`, direct `eval` (cannot see cell names).
 * Only syntax is checked: no type checking.
 */
export { compileCell, type CompiledCell, type CompileCellOptions } from './compileCell';
export { CellSyntaxError } from './CellSyntaxError';
