import { isJsonObject } from './describeValue';
import { setOwn } from './setOwn';

/**
 * The metadata key under which the editor-side notebook, cell and output metadata carry
 * what the editor has no place for, so it survives a trip through VS Code and is written
 * back. Never written to the file as such: it is taken out again on save. (Not plain
 * `nnbook`: the kernel controller already keeps `{ displayId, ms, … }` there.)
 */
export const KEPT_FIELDS_KEY = 'nnbook.kept';

/** What is kept under `metadata["nnbook.kept"]` in the editor. */
export interface KeptFields {
  /** The level's unknown fields (`extra` in the model). */
  unknownFields?: Record<string, unknown>;
  /** The file's own `metadata["nnbook.kept"]` value, when it had one (this bag took its place). */
  shadowed?: unknown;
  /** Per output item (outputs only): what the editor's item has no place for. */
  items?: KeptItem[];
}

/** Output items carry only mime and bytes in the editor; this keeps the rest. */
export interface KeptItem {
  mime: string;
  encoding?: 'base64';
  unknownFields?: Record<string, unknown>;
}

/**
 * A copy of `metadata` with `kept` added under `nnbook.kept` (or the copy alone when
 * there is nothing to keep).
 *
 * @example
 * withKeptFields({ a: 1 }, { unknownFields: { x: 2 } }) // { a: 1, 'nnbook.kept': { unknownFields: { x: 2 } } }
 * withKeptFields({ 'nnbook.kept': 'mine' }, {})          // { 'nnbook.kept': { shadowed: 'mine' } }
 */
export function withKeptFields(metadata: Record<string, unknown>, kept: KeptFields): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...metadata };
  const bag: KeptFields = {};
  if (kept.unknownFields) bag.unknownFields = kept.unknownFields;
  if (Object.prototype.hasOwnProperty.call(metadata, KEPT_FIELDS_KEY)) bag.shadowed = metadata[KEPT_FIELDS_KEY];
  if (kept.items) bag.items = kept.items;
  if (Object.keys(bag).length > 0) copy[KEPT_FIELDS_KEY] = bag;
  return copy;
}

/**
 * The inverse of `withKeptFields`: the metadata as the file had it, and the kept fields.
 * A non-object under `nnbook.kept` is not ours and stays in the metadata.
 *
 * @example
 * takeKeptFields({ a: 1, 'nnbook.kept': { unknownFields: { x: 2 } } }) // [{ a: 1 }, { unknownFields: { x: 2 } }]
 */
export function takeKeptFields(metadata: Record<string, unknown> | undefined): [Record<string, unknown>, KeptFields] {
  const source = metadata ?? {};
  const bag = source[KEPT_FIELDS_KEY];
  if (!Object.prototype.hasOwnProperty.call(source, KEPT_FIELDS_KEY) || !isJsonObject(bag)) return [{ ...source }, {}];
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(source)) {
    if (key !== KEPT_FIELDS_KEY) setOwn(rest, key, source[key]);
    else if (Object.prototype.hasOwnProperty.call(bag, 'shadowed')) setOwn(rest, key, bag.shadowed);
  }
  const kept: KeptFields = {};
  if (isJsonObject(bag.unknownFields)) kept.unknownFields = bag.unknownFields;
  // Stays index-aligned with the output's items: a stray entry just matches nothing.
  if (Array.isArray(bag.items)) kept.items = bag.items.map((item) => (isKeptItem(item) ? item : { mime: '' }));
  return [rest, kept];
}

function isKeptItem(value: unknown): value is KeptItem {
  return isJsonObject(value) && typeof value.mime === 'string';
}
