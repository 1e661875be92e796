import type { ImportDeclaration } from 'acorn';

/**
 * The replacement for one `import` in a cell: bindings become `$scope` entries read from
 * `$rt.import(specifier)` (synchronous; the kernel's own module namespace).
 *
 * - `import * as tf from 'x'` → `$scope.tf = <module>`
 * - `import { a as b } from 'x'` → `$scope.b = <module>.a` (a snapshot, not a live binding)
 * - `import d from 'x'` → `$scope.d = <module>.default ?? <module>`: CommonJS-style modules
 *   (like tfjs) have no `default`, and then the namespace itself is the sensible value.
 * - `import 'x'` → `$rt.import("x");`
 *
 * Import attributes (`with { type: 'json' }`) are ignored.
 *
 * @example
 * importStatement(parse("import tf, { tensor as t } from '@tensorflow/tfjs'").body[0])
 * // => '{ const $m = $rt.import("@tensorflow/tfjs"); $scope.tf = $m.default ?? $m; $scope.t = $m["tensor"]; }'
 */
export function importStatement(node: ImportDeclaration): string {
  const load = `$rt.import(${JSON.stringify(node.source.value)})`;
  if (node.specifiers.length === 0) return `${load};`;
  const assignments = node.specifiers.map((specifier) => {
    const local = `$scope.${specifier.local.name}`;
    switch (specifier.type) {
      case 'ImportNamespaceSpecifier':
        return `${local} = $m;`;
      case 'ImportDefaultSpecifier':
        return `${local} = $m.default ?? $m;`;
      default: {
        const imported = specifier.imported;
        const name = imported.type === 'Identifier' ? imported.name : String(imported.value);
        return name === 'default' ? `${local} = $m.default ?? $m;` : `${local} = $m[${JSON.stringify(name)}];`;
      }
    }
  });
  // A block keeps `$m` from clashing with anything the cell declares.
  return `{ const $m = ${load}; ${assignments.join(' ')} }`;
}
