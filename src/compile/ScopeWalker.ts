import type {
  AnyNode, ArrowFunctionExpression, Class, ClassDeclaration, Expression, FunctionDeclaration, FunctionExpression,
  Identifier, Node, Pattern, Statement, VariableDeclaration,
} from 'acorn';
import { GeneratedCodeError } from './CellSyntaxError';
import type { DeclarationPosition, EditIntent } from './editIntents';
import { addPatternNames } from './patternNames';
import { CellScope, rejectReservedName, Scope } from './Scope';

type AnyFunction = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** Node fields that never hold child nodes (skipped by the generic traversal). */
const NOT_CHILDREN = new Set(['type', 'start', 'end', 'loc', 'range', 'regex', 'value', 'raw', 'name']);

/**
 * Walks the type-stripped cell once, building its scopes and recording, in pre-order,
 * every `EditIntent`: identifiers that may mean `$scope.<name>` (resolved by the caller
 * once all scopes are complete, so hoisting needs no second pass), awaits, and cell-level
 * declarations. Statement-level forms only valid at the top (import/export, the final
 * expression) are handled by `analyzeCell`, which drives this walker.
 */
export class ScopeWalker {
  readonly intents: EditIntent[] = [];
  /** Top-level function declarations: assigned to `$scope` before the body runs. */
  readonly hoistedFunctions: FunctionDeclaration[] = [];
  /** Cell-level `var` names: created (if missing) before the body runs, like JS hoisting. */
  readonly varNames = new Set<string>();

  constructor(
    readonly cell: CellScope,
    /** `var E;` declarations of lowered enums that must reset `$scope.E`. */
    private readonly enumResets: ReadonlySet<Node>,
  ) {}

  statementList(statements: readonly (Statement | Node)[], scope: Scope): void {
    for (const statement of statements) this.statement(statement as AnyNode, scope, 'list');
  }

  statement(node: AnyNode, scope: Scope, position: DeclarationPosition): void {
    switch (node.type) {
      case 'VariableDeclaration':
        return this.variables(node, scope, position);
      case 'FunctionDeclaration': {
        // Anonymous declarations only exist after `export default`, which `analyzeCell` rejects.
        const fn = node as FunctionDeclaration;
        this.bind(scope, fn.id, false);
        if (scope === this.cell) this.hoistedFunctions.push(fn);
        return this.func(fn, scope);
      }
      case 'ClassDeclaration': {
        const cls = node as ClassDeclaration;
        this.bind(scope, cls.id, false);
        if (scope === this.cell) this.intents.push({ kind: 'class', node: cls });
        return this.classBody(cls, scope);
      }
      case 'BlockStatement':
        return this.statementList(node.body, new Scope(scope, 'block'));
      case 'ForStatement': {
        const loop = this.loopScope(node.init, scope);
        if (node.init?.type === 'VariableDeclaration') this.variables(node.init, loop, 'forInit');
        else if (node.init) this.expression(node.init, loop);
        if (node.test) this.expression(node.test, loop);
        if (node.update) this.expression(node.update, loop);
        return this.statement(node.body, loop, 'single');
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const loop = this.loopScope(node.left, scope);
        if (node.left.type === 'VariableDeclaration') this.variables(node.left, loop, 'forLeft');
        else this.target(node.left, loop, false);
        this.expression(node.right, loop);
        return this.statement(node.body, loop, 'single');
      }
      case 'IfStatement':
        this.expression(node.test, scope);
        this.statement(node.consequent, scope, 'single');
        if (node.alternate) this.statement(node.alternate, scope, 'single');
        return;
      case 'WhileStatement':
      case 'DoWhileStatement':
        this.expression(node.test, scope);
        return this.statement(node.body, scope, 'single');
      case 'LabeledStatement':
        return this.statement(node.body, scope, 'single');
      case 'SwitchStatement': {
        this.expression(node.discriminant, scope);
        const cases = new Scope(scope, 'block');
        for (const branch of node.cases) {
          if (branch.test) this.expression(branch.test, cases);
          this.statementList(branch.consequent, cases);
        }
        return;
      }
      case 'TryStatement':
        this.statement(node.block, scope, 'single');
        if (node.handler) {
          const caught = new Scope(scope, 'block');
          if (node.handler.param) this.pattern(node.handler.param, caught, caught, false);
          this.statement(node.handler.body, caught, 'single');
        }
        if (node.finalizer) this.statement(node.finalizer, scope, 'single');
        return;
      case 'ExpressionStatement':
        return this.expression(node.expression, scope);
      case 'ReturnStatement':
      case 'ThrowStatement':
        if (node.argument) this.expression(node.argument, scope);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'EmptyStatement':
      case 'DebuggerStatement':
        return;
      default:
        return this.expression(node, scope);
    }
  }

  /** `for (let …)` gets its own scope (a fresh binding per iteration); `var` does not. */
  private loopScope(head: Node | null | undefined, scope: Scope): Scope {
    const lexical = head?.type === 'VariableDeclaration' && (head as VariableDeclaration).kind !== 'var';
    return lexical ? new Scope(scope, 'block') : scope;
  }

  private variables(node: VariableDeclaration, scope: Scope, position: DeclarationPosition): void {
    const isVar = node.kind === 'var';
    const target = isVar ? scope.varScope() : scope;
    // `using` stays an ordinary local even at the top: its disposal ends with the run.
    const local = node.kind === 'using' || node.kind === 'await using';
    const toCell = target === this.cell && !local;
    if (toCell) {
      this.intents.push({ kind: 'variables', node, position, resetsEnum: this.enumResets.has(node) });
    }
    for (const declarator of node.declarations) {
      // A cell-level `var x;` assigns nothing: its identifier is replaced, not rewritten.
      const bare = isVar && !declarator.init && position !== 'forLeft';
      this.pattern(declarator.id, target, scope, toCell && !bare, local);
      if (toCell && isVar) addPatternNames(declarator.id, this.varNames);
      if (declarator.init) this.expression(declarator.init, scope);
    }
  }

  /**
   * A binding pattern: binds its names in `target`, walks defaults and computed keys in
   * `scope`. With `rewrite`, its identifiers become `$scope.<name>` assignment targets.
   */
  private pattern(node: Pattern, target: Scope, scope: Scope, rewrite: boolean, local = false, shorthand = false): void {
    switch (node.type) {
      case 'Identifier':
        this.bind(target, node, local);
        if (rewrite) this.intents.push({ kind: 'ref', id: node, scope: this.cell, shorthand });
        return;
      case 'ObjectPattern':
        for (const prop of node.properties) {
          if (prop.type === 'RestElement') {
            this.pattern(prop.argument, target, scope, rewrite, local);
            continue;
          }
          if (prop.computed) this.expression(prop.key, scope);
          this.pattern(prop.value, target, scope, rewrite, local, prop.shorthand);
        }
        return;
      case 'ArrayPattern':
        for (const element of node.elements) if (element) this.pattern(element, target, scope, rewrite, local);
        return;
      case 'RestElement':
        return this.pattern(node.argument, target, scope, rewrite, local);
      case 'AssignmentPattern':
        this.pattern(node.left, target, scope, rewrite, local, shorthand);
        return this.expression(node.right, scope);
      default:
        return this.expression(node, scope);
    }
  }

  /** An assignment target (`x = …`, `({ a, b: [c] } = …)`, `for (x of …)`): identifiers are references. */
  private target(node: Pattern | Expression, scope: Scope, shorthand: boolean): void {
    switch (node.type) {
      case 'Identifier':
        this.intents.push({ kind: 'ref', id: node, scope, shorthand });
        return;
      case 'ObjectPattern':
        for (const prop of node.properties) {
          if (prop.type === 'RestElement') {
            this.target(prop.argument, scope, false);
            continue;
          }
          if (prop.computed) this.expression(prop.key, scope);
          this.target(prop.value, scope, prop.shorthand);
        }
        return;
      case 'ArrayPattern':
        for (const element of node.elements) if (element) this.target(element, scope, false);
        return;
      case 'RestElement':
        return this.target(node.argument, scope, false);
      case 'AssignmentPattern':
        this.target(node.left, scope, shorthand);
        return this.expression(node.right, scope);
      default:
        return this.expression(node, scope);
    }
  }

  expression(node: AnyNode, scope: Scope): void {
    switch (node.type) {
      case 'Identifier':
        this.intents.push({ kind: 'ref', id: node, scope, shorthand: false });
        return;
      case 'Literal': case 'ThisExpression': case 'Super': case 'TemplateElement': case 'PrivateIdentifier':
        return;
      case 'MetaProperty':
        // The cell runs as a script (indirect eval): `import.meta` would not even parse there.
        if (node.meta.name === 'import') throw new GeneratedCodeError(node.start, '`import.meta` is not available in cells');
        return;
      case 'MemberExpression':
        this.expression(node.object, scope);
        if (node.computed) this.expression(node.property, scope);
        return;
      case 'ObjectExpression':
        for (const prop of node.properties) {
          if (prop.type === 'SpreadElement') {
            this.expression(prop.argument, scope);
            continue;
          }
          if (prop.computed) this.expression(prop.key, scope);
          if (prop.shorthand && prop.value.type === 'Identifier') {
            this.intents.push({ kind: 'ref', id: prop.value, scope, shorthand: true });
          } else this.expression(prop.value, scope);
        }
        return;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        return this.func(node, scope);
      case 'ClassExpression':
        return this.classBody(node, scope);
      case 'UnaryExpression':
        if (node.operator === 'typeof' && node.argument.type === 'Identifier') {
          this.intents.push({ kind: 'ref', id: node.argument, scope, shorthand: false, typeofNode: node });
        } else this.expression(node.argument, scope);
        return;
      case 'AssignmentExpression':
        this.target(node.left, scope, false);
        return this.expression(node.right, scope);
      case 'AwaitExpression':
        this.intents.push({ kind: 'await', node });
        return this.expression(node.argument, scope);
      default:
        return this.children(node, scope);
    }
  }

  /** Generic traversal for expressions without bindings of their own (calls, operators, templates, …). */
  private children(node: AnyNode, scope: Scope): void {
    const record = node as unknown as Record<string, unknown>;
    for (const key in record) {
      if (NOT_CHILDREN.has(key)) continue;
      const value = record[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) this.expression(item, scope);
      } else if (isNode(value)) this.expression(value, scope);
    }
  }

  private func(node: AnyFunction, outer: Scope): void {
    const params = new Scope(outer, 'block');
    if (node.type === 'FunctionExpression' && node.id) this.bind(params, node.id, false);
    for (const param of node.params) this.pattern(param, params, params, false);
    if (node.body.type === 'BlockStatement') this.statementList(node.body.body, new Scope(params, 'body'));
    else this.expression(node.body, params);
  }

  /** A class's name is bound inside it too, so `class C { m() { C } }` keeps its own `C`. */
  private classBody(node: Class, outer: Scope): void {
    const inner = new Scope(outer, 'block');
    if (node.id) this.bind(inner, node.id, false);
    if (node.superClass) this.expression(node.superClass, inner);
    for (const element of node.body.body) {
      if (element.type === 'StaticBlock') {
        this.statementList(element.body, new Scope(inner, 'body'));
        continue;
      }
      if (element.computed) this.expression(element.key, inner);
      if (element.value) this.expression(element.value, inner);
    }
  }

  private bind(scope: Scope, id: Identifier | null, local: boolean): void {
    if (!id) return;
    rejectReservedName(id);
    if (scope !== this.cell) scope.names.add(id.name);
    else if (local) this.cell.localNames.add(id.name);
    else this.cell.declare(id.name);
  }
}

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
