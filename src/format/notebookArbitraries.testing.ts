/**
 * fast-check generators of random notebook models, for the property tests (test-only:
 * nothing outside `*.test.ts` imports this file).
 */
import fc from 'fast-check';
import { CELL_KEYS, ITEM_KEYS, NOTEBOOK_KEYS, OUTPUT_KEYS } from './knownKeys';
import { CellModel, NotebookModel, OutputItemModel, OutputModel } from './model';
import { setOwn } from './setOwn';

/** Any JSON value, as it comes back from JSON (so no -0). */
const jsonValue = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)) as unknown);

/** Keys including the awkward ones: `__proto__`, integer-like, empty, astral, known names. */
const key = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom('__proto__', '0', '17', '', 'constructor', 'kind', 'source', 'items', 'mime', 'nnbook', 'nnbook.kept', 'execution', '😀'),
);

/** A JSON object built with own properties only (safe for `__proto__`). */
function object(options: { exclude?: readonly string[]; minKeys?: number } = {}): fc.Arbitrary<Record<string, unknown>> {
  const exclude = options.exclude ?? [];
  return fc
    .uniqueArray(fc.tuple(key.filter((k) => !exclude.includes(k)), jsonValue), {
      selector: ([k]) => k,
      minLength: options.minKeys ?? 0,
      maxLength: 4,
    })
    .map((entries) => {
      const result: Record<string, unknown> = {};
      for (const [k, v] of entries) setOwn(result, k, v);
      return result;
    });
}

/** Unknown fields for a level: absent, or at least one field not named like a known key. */
function extra(known: readonly string[]): fc.Arbitrary<Record<string, unknown> | undefined> {
  return fc.option(object({ exclude: known, minKeys: 1 }), { nil: undefined });
}

function withExtra<T extends { extra?: Record<string, unknown> }>(model: T, more: Record<string, unknown> | undefined): T {
  if (more) model.extra = more;
  return model;
}

/** Text with line breaks of every kind, including none at the end, lone surrogates and empty. */
export const sourceText = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r', '')), { maxLength: 8 })
  .map((parts) => parts.join(''));

const textItem = fc.record({
  mime: fc.constantFrom('text/plain', 'application/vnd.code.notebook.stdout', 'application/vnd.code.notebook.error', 'text/html; charset=utf-8'),
  data: sourceText,
});
const jsonItem = fc.record({
  mime: fc.constantFrom('application/json', 'application/vnd.nnbook.loss+json'),
  data: fc.oneof(jsonValue.map((v) => JSON.stringify(v)), fc.string({ unit: 'binary' }), fc.json()),
});
const base64Item = fc.record({
  mime: fc.constantFrom('image/png', 'application/octet-stream', 'application/json'),
  data: fc.uint8Array({ maxLength: 40 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  encoding: fc.constant('base64' as const),
});

export const outputItem: fc.Arbitrary<OutputItemModel> = fc
  .tuple(fc.oneof(textItem, jsonItem, base64Item), extra(ITEM_KEYS))
  .map(([item, more]) => withExtra<OutputItemModel>({ ...item }, more));

export const output: fc.Arbitrary<OutputModel> = fc
  .tuple(fc.array(outputItem, { maxLength: 3 }), object(), extra(OUTPUT_KEYS))
  .map(([items, metadata, more]) => withExtra<OutputModel>({ items, metadata }, more));

export const cell: fc.Arbitrary<CellModel> = fc
  .tuple(
    fc.constantFrom(['code', 'typescript'], ['code', 'javascript'], ['markdown', 'markdown']) as fc.Arbitrary<[CellModel['kind'], string]>,
    sourceText,
    fc.array(output, { maxLength: 3 }),
    object(),
    extra(CELL_KEYS),
  )
  .map(([[kind, language], source, outputs, metadata, more]) => withExtra<CellModel>({ kind, language, source, outputs, metadata }, more));

export const notebook: fc.Arbitrary<NotebookModel> = fc
  .tuple(fc.array(cell, { maxLength: 5 }), object(), extra(NOTEBOOK_KEYS))
  .map(([cells, metadata, more]) => withExtra<NotebookModel>({ metadata, cells }, more));
