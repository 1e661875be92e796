import MagicString from 'magic-string';
import type { CellAnalysis } from './analyzeCell';
import type { CellVariableDeclaration, EditIntent, ScopeReference } from './editIntents';
import { importStatement } from './importStatement';
import { lineBreaksIn } from './textPosition';

/**
 * Applies a cell's analysis to its type-stripped JavaScript and wraps it as
 * `(async function ($scope, $rt) { "use strict"; <prologue><body>\n})`.
 *
 * Line structure is kept: the header and prologue share line 1 with the cell's first
 * line, and every replacement keeps the line breaks of what it replaces, so generated
 * line N is cell line N (columns shift; the source map has them).
 *
 * Insertion convention (see `EditIntent`): intents come outer-first, so openings use
 * `appendRight` (later = further in) and closings `prependLeft` (later = further in);
 * replacements use `update`, which keeps neighbouring insertions.
 *
 * @example
 * rewriteCell('let a = 1\na', analysis).toString()
 * // => '(async function ($scope, $rt) { "use strict"; $scope.a = 1;\nreturn ($scope.a);\n})'
 */
export function rewriteCell(code: string, analysis: CellAnalysis): MagicString {
  const s = new MagicString(code);
  for (const intent of analysis.intents) applyIntent(s, code, intent);
  s.prepend(`(async function ($scope, $rt) { "use strict"; ${prologue(analysis)}`);
  s.append('\n})');
  return s;
}

/** What JavaScript hoisting would have done: functions first, then missing `var`s. */
function prologue(analysis: CellAnalysis): string {
  let text = '';
  for (const fn of analysis.hoistedFunctions) text += `$scope.${fn.id.name} = ${fn.id.name}; `;
  for (const name of analysis.varNames) {
    text += `if (!(${JSON.stringify(name)} in $scope)) $scope.${name} = undefined; `;
  }
  return text;
}

function applyIntent(s: MagicString, code: string, intent: EditIntent): void {
  switch (intent.kind) {
    case 'ref':
      return rewriteReference(s, intent);
    case 'await':
      // `await x` → `await $rt.awaiting(x)`: the runtime's interrupt checkpoint.
      s.appendRight(intent.node.argument.start, '$rt.awaiting(');
      s.prependLeft(intent.node.argument.end, ')');
      return;
    case 'variables':
      return rewriteVariables(s, code, intent);
    case 'class': {
      // `class C {}` → `$scope.C = class C {};` (the inner name `C` stays the class's own).
      const { node } = intent;
      s.appendRight(node.start, `$scope.${node.id.name} = `);
      s.prependLeft(node.end, ';');
      return;
    }
    case 'import':
      s.update(intent.node.start, intent.node.end, importStatement(intent.node) + lineBreaksIn(code, intent.node.start, intent.node.end));
      return;
    case 'stripExport':
      s.remove(intent.node.start, intent.declaration.start);
      return;
    case 'remove':
      return blankOut(s, code, intent.node.start, intent.node.end);
    case 'return': {
      // The statement's range includes parentheses around the expression; the expression's does not.
      const { node } = intent;
      s.appendRight(node.start, 'return (');
      if (code.charCodeAt(node.end - 1) === 59 /* ; */) s.update(node.end - 1, node.end, ');');
      else s.prependLeft(node.end, ');');
      return;
    }
  }
}

function rewriteReference(s: MagicString, ref: ScopeReference): void {
  const { name, start, end } = ref.id;
  if (ref.typeofNode) {
    // Reading a missing name from `$scope` may throw (a Proxy); `typeof` must not.
    const quoted = JSON.stringify(name);
    s.update(ref.typeofNode.start, ref.typeofNode.end, `(${quoted} in $scope ? typeof $scope.${name} : "undefined")`);
  } else if (ref.shorthand) {
    s.update(start, end, `${name}: $scope.${name}`);
  } else {
    s.update(start, end, `$scope.${name}`);
  }
}

/**
 * `const a = 1, { b, c: [d] } = o;` → `$scope.a = 1, ({ b: $scope.b, c: [$scope.d] } = o);`
 * (the identifiers themselves are `ref` intents that follow this one).
 */
function rewriteVariables(s: MagicString, code: string, intent: CellVariableDeclaration): void {
  const { node, position } = intent;
  const [first] = node.declarations;
  const statement = position === 'list' || position === 'single';
  if (statement && code.charCodeAt(node.end - 1) !== 59 /* ; */) s.prependLeft(node.end, ';');
  s.remove(node.start, first.start);
  for (const declarator of node.declarations) {
    const { id } = declarator;
    if (id.type === 'Identifier') {
      if (declarator.init || position === 'forLeft') continue;
      if (node.kind !== 'var') s.prependLeft(id.end, ' = undefined');
      else s.update(id.start, id.end, intent.resetsEnum ? `$scope.${id.name} = undefined` : 'void 0');
    } else if (position !== 'forLeft') {
      // A pattern on the left needs parentheses, and a leading `;` where the previous
      // statement may have relied on ASI (`f()\n({ a } = o)` would call `f`).
      s.appendRight(declarator.start, declarator === first && position === 'list' ? ';(' : '(');
      s.prependLeft(declarator.end, ')');
    }
  }
}

/** Removes code but keeps its line breaks. */
function blankOut(s: MagicString, code: string, start: number, end: number): void {
  const breaks = lineBreaksIn(code, start, end);
  if (breaks) s.update(start, end, breaks);
  else s.remove(start, end);
}
