import type { AnyNode, ExpressionStatement, FunctionDeclaration, Node, Program, Statement } from 'acorn';
import { GeneratedCodeError } from './CellSyntaxError';
import type { EditIntent } from './editIntents';
import { CellScope, refersToCellScope, rejectReservedName } from './Scope';
import { ScopeWalker } from './ScopeWalker';

/** Everything the rewriter needs to know about a parsed, type-stripped cell. */
export interface CellAnalysis {
  /** In application order (pre-order); references already resolved to `$scope` ones only. */
  intents: EditIntent[];
  /** Top-level names the cell declares, in order of first appearance. */
  declared: string[];
  /** Top-level function declarations, to assign to `$scope` before the body runs. */
  hoistedFunctions: FunctionDeclaration[];
  /** Cell-level `var` names, to create (if missing) before the body runs. */
  varNames: string[];
}

/**
 * Decides every edit that turns a cell's JavaScript into the body of
 * `async function ($scope, $rt)`: which identifiers mean `$scope.<name>` (the cell's own
 * declarations and `known` names, unless shadowed), which declarations become
 * assignments, imports, exports, awaits, and the final expression to return.
 * Throws `GeneratedCodeError` for what cells cannot contain.
 *
 * @example
 * const program = acorn.parse('let a = b + 1', { ecmaVersion: 'latest', sourceType: 'module' });
 * analyzeCell(program, new Set(['b'])).declared // => ['a']
 */
export function analyzeCell(program: Program, known: ReadonlySet<string>): CellAnalysis {
  const cell = new CellScope();
  const walker = new ScopeWalker(cell, findEnumResets(program.body));
  const last = finalExpression(program.body);
  for (const statement of program.body) {
    topLevelStatement(statement, walker, cell, statement === last);
  }
  const intents = walker.intents.filter(
    (intent) => intent.kind !== 'ref' || refersToCellScope(intent.scope, intent.id.name, known),
  );
  return {
    intents,
    declared: cell.declared,
    hoistedFunctions: walker.hoistedFunctions,
    varNames: [...walker.varNames],
  };
}

function topLevelStatement(statement: AnyNode, walker: ScopeWalker, cell: CellScope, isLast: boolean): void {
  switch (statement.type) {
    case 'ImportDeclaration':
      for (const specifier of statement.specifiers) {
        rejectReservedName(specifier.local);
        cell.declare(specifier.local.name);
      }
      walker.intents.push({ kind: 'import', node: statement });
      return;
    case 'ExportNamedDeclaration':
      if (!statement.declaration) {
        walker.intents.push({ kind: 'remove', node: statement });
        return;
      }
      walker.intents.push({ kind: 'stripExport', node: statement, declaration: statement.declaration });
      return walker.statement(statement.declaration, cell, 'list');
    case 'ExportAllDeclaration':
      walker.intents.push({ kind: 'remove', node: statement });
      return;
    case 'ExportDefaultDeclaration': {
      const declaration = statement.declaration;
      const named = (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && declaration.id;
      if (!named) {
        throw new GeneratedCodeError(statement.start, '`export default` needs a named function or class in a cell; assign the value to a name instead');
      }
      walker.intents.push({ kind: 'stripExport', node: statement, declaration });
      return walker.statement(declaration as AnyNode, cell, 'list');
    }
    case 'ExpressionStatement':
      if (isLast) walker.intents.push({ kind: 'return', node: statement });
      return walker.expression(statement.expression, cell);
    default:
      return walker.statement(statement, cell, 'list');
  }
}

/** The last statement if it is an expression (trailing `;;` ignored), else nothing: the cell's value. */
function finalExpression(body: readonly (Statement | Node)[]): ExpressionStatement | undefined {
  for (let i = body.length - 1; i >= 0; i--) {
    const statement = body[i] as AnyNode;
    if (statement.type === 'EmptyStatement') continue;
    return statement.type === 'ExpressionStatement' ? statement : undefined;
  }
  return undefined;
}

/**
 * Lowered enums look like `var E; (function (E) {…})(E || (E = {}));` (sucrase and
 * TypeScript alike). The first such `var E;` of each name in the cell resets `$scope.E`,
 * so later ones in the same cell still merge, as TypeScript's declaration merging does.
 */
function findEnumResets(body: readonly (Statement | Node)[]): Set<Node> {
  const resets = new Set<Node>();
  const seen = new Set<string>();
  for (let i = 0; i + 1 < body.length; i++) {
    let statement = body[i] as AnyNode;
    if (statement.type === 'ExportNamedDeclaration' && statement.declaration) statement = statement.declaration;
    const name = enumVarName(statement);
    if (name === undefined || !isEnumInitializer(body[i + 1] as AnyNode, name) || seen.has(name)) continue;
    seen.add(name);
    resets.add(statement);
  }
  return resets;
}

function enumVarName(node: AnyNode): string | undefined {
  if (node.type !== 'VariableDeclaration' || node.kind !== 'var' || node.declarations.length !== 1) return undefined;
  const [declarator] = node.declarations;
  return declarator.id.type === 'Identifier' && !declarator.init ? declarator.id.name : undefined;
}

/** `(function (E) {…})(E || (E = {}))` */
function isEnumInitializer(node: AnyNode, name: string): boolean {
  if (node.type !== 'ExpressionStatement' || node.expression.type !== 'CallExpression') return false;
  const { callee, arguments: args } = node.expression;
  if (callee.type !== 'FunctionExpression' || callee.params.length !== 1) return false;
  const [param] = callee.params;
  if (param.type !== 'Identifier' || param.name !== name || args.length !== 1) return false;
  const [arg] = args;
  return (
    arg.type === 'LogicalExpression' && arg.operator === '||' &&
    arg.left.type === 'Identifier' && arg.left.name === name &&
    arg.right.type === 'AssignmentExpression' && arg.right.left.type === 'Identifier' && arg.right.left.name === name
  );
}
