/**
 * The cell compiler: TypeScript cell source → a JavaScript function over the kernel's
 * persistent scope. See `compileCell`.
 */
export { compileCell, type CompiledCell, type CompileCellOptions } from './compileCell';
export { CellSyntaxError } from './CellSyntaxError';
