import { setOwn } from './setOwn';

/**
 * The fields of `source` whose keys are not in `known`, in their order, or `undefined`
 * when there are none. These are what a newer nnbook (or a person) added; they are
 * written back unchanged.
 *
 * @example
 * collectExtra({ kind: 'code', tags: ['x'] }, ['kind']) // { tags: ['x'] }
 * collectExtra({ kind: 'code' }, ['kind'])              // undefined
 */
export function collectExtra(source: Record<string, unknown>, known: readonly string[]): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(source)) {
    if (known.includes(key)) continue;
    extra ??= {};
    setOwn(extra, key, source[key]);
  }
  return extra;
}

/**
 * Copies `extra` onto `target` after its known keys, skipping any key in `known` (the
 * known field always wins over a stray duplicate in `extra`).
 *
 * @example
 * appendExtra({ kind: 'code' }, { kind: 'x', tags: [] }, ['kind']) // { kind: 'code', tags: [] }
 */
export function appendExtra(
  target: Record<string, unknown>,
  extra: Record<string, unknown> | undefined,
  known: readonly string[],
): Record<string, unknown> {
  if (!extra) return target;
  for (const key of Object.keys(extra)) {
    if (!known.includes(key)) setOwn(target, key, extra[key]);
  }
  return target;
}
