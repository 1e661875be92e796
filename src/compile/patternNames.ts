import type { Pattern } from 'acorn';

/**
 * Adds the names a binding pattern declares to `into`.
 *
 * @example
 * const names = new Set<string>();
 * addPatternNames(parseExpression('{ a, b: [c, ...d], e = 1 }'), names); // names: a, c, d, e
 */
export function addPatternNames(node: Pattern, into: Set<string>): void {
  switch (node.type) {
    case 'Identifier':
      into.add(node.name);
      return;
    case 'ObjectPattern':
      for (const prop of node.properties) addPatternNames(prop.type === 'RestElement' ? prop.argument : prop.value, into);
      return;
    case 'ArrayPattern':
      for (const element of node.elements) if (element) addPatternNames(element, into);
      return;
    case 'RestElement':
      return addPatternNames(node.argument, into);
    case 'AssignmentPattern':
      return addPatternNames(node.left, into);
  }
}
