/*
 * Sucrase treats every `namespace`/`module` block as types and drops it, even one that
 * declares values (TypeScript would emit an object for it). We detect those with
 * sucrase's own tokenizer so the user gets an error instead of a silently missing name.
 * Deep imports: the parser is not part of sucrase's documented API (version pinned by
 * the lockfile; the tests below cover it).
 */
type SucraseParser = typeof import('sucrase/dist/types/parser');
type SucraseTokenTypes = typeof import('sucrase/dist/types/parser/tokenizer/types');
type SucraseKeywords = typeof import('sucrase/dist/types/parser/tokenizer/keywords');
type Token = import('sucrase/dist/types/parser/tokenizer').Token;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parse } = require('sucrase/dist/parser') as SucraseParser;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { TokenType } = require('sucrase/dist/parser/tokenizer/types') as SucraseTokenTypes;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ContextualKeyword } = require('sucrase/dist/parser/tokenizer/keywords') as SucraseKeywords;

/** Keywords that make a namespace body instantiated (emit JavaScript). */
const VALUE_KEYWORDS = new Set<number>([
  TokenType._const, TokenType._let, TokenType._var, TokenType._function, TokenType._class, TokenType._enum,
]);

/**
 * The offset of the first non-ambient `namespace N {…}` / `module N {…}` whose body
 * declares a value, or `undefined`. Call only on source sucrase already accepted.
 *
 * @example
 * findValueNamespace('namespace N { export const a = 1 }') // => 0
 * findValueNamespace('declare namespace N { const a: number }') // => undefined
 * findValueNamespace('namespace T { export type A = number }') // => undefined
 */
export function findValueNamespace(source: string): number | undefined {
  // Cheap pre-check so ordinary cells never pay for a second tokenization.
  if (!source.includes('namespace') && !source.includes('module')) return undefined;
  const tokens = parse(source, false, true, false).tokens;
  for (let i = 0; i < tokens.length - 1; i++) {
    if (isNamespaceKeyword(tokens, i) && bodyDeclaresValue(tokens, i + 1)) return tokens[i].start;
  }
  return undefined;
}

function isNamespaceKeyword(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const keyword = t.contextualKeyword;
  if (!t.isType || t.type !== TokenType.name) return false;
  if (keyword !== ContextualKeyword._namespace && keyword !== ContextualKeyword._module) return false;
  // `module "x"` is an ambient module; `declare namespace` never emits.
  if (tokens[i + 1].type !== TokenType.name) return false;
  return i === 0 || tokens[i - 1].contextualKeyword !== ContextualKeyword._declare;
}

/** Scans the `{…}` after the namespace name(s) for a value declaration not marked `declare`. */
function bodyDeclaresValue(tokens: Token[], from: number): boolean {
  let i = from;
  while (i < tokens.length && tokens[i].type !== TokenType.braceL) i++;
  let depth = 0;
  for (; i < tokens.length; i++) {
    const type = tokens[i].type;
    if (type === TokenType.braceL || type === TokenType.dollarBraceL) depth++;
    else if (type === TokenType.braceR) {
      if (--depth === 0) return false;
    } else if (VALUE_KEYWORDS.has(type) && !isDeclared(tokens, i)) return true;
  }
  return false;
}

/** `declare const x`, `export declare function f()`, … are ambient. */
function isDeclared(tokens: Token[], i: number): boolean {
  let j = i - 1;
  if (j >= 0 && tokens[j].type === TokenType._export) j--;
  return j >= 0 && tokens[j].contextualKeyword === ContextualKeyword._declare;
}
