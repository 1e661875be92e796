import { parse, type Program } from 'acorn';
import { GeneratedCodeError, withoutPositionSuffix } from './CellSyntaxError';

/**
 * Parses type-stripped cell code as a module body with top-level `await` (strict mode,
 * `import`/`export` allowed, top-level `return` not). Throws `GeneratedCodeError` with
 * the offset of a syntax error.
 *
 * @example
 * parseCellJs('const h = await model.fit(x, y)').body[0].type // => 'VariableDeclaration'
 */
export function parseCellJs(code: string): Program {
  try {
    return parse(code, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: false,
      // A `#!` line cannot sit inside the function the cell becomes.
      allowHashBang: false,
    });
  } catch (error) {
    const pos = (error as { pos?: unknown }).pos;
    if (error instanceof SyntaxError && typeof pos === 'number') {
      throw new GeneratedCodeError(pos, withoutPositionSuffix(error.message));
    }
    throw error;
  }
}
