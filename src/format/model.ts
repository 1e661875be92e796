/**
 * The in-memory form of a `.nnbook` file. Plain data: no classes, no `vscode`.
 *
 * @example
 * const nb: NotebookModel = {
 *   metadata: {},
 *   cells: [{ kind: 'code', language: 'typescript', source: 'const x = 1;\n', outputs: [], metadata: {} }],
 * };
 */
export interface NotebookModel {
  metadata: Record<string, unknown>;
  cells: CellModel[];
  /** Top-level keys other than `nnbook`, `metadata`, `cells`, kept so a round trip loses nothing. */
  extra?: Record<string, unknown>;
}

export type CellKind = 'code' | 'markdown';

/** The languages a file may name. Code cells: typescript or javascript; markdown cells: markdown. */
export const CODE_LANGUAGES: readonly string[] = ['typescript', 'javascript'];
export const MARKDOWN_LANGUAGE = 'markdown';

export interface CellModel {
  kind: CellKind;
  /** `typescript` | `javascript` for code cells, `markdown` for markdown cells. */
  language: string;
  /** The whole source as one string (the file stores it as lines; see `sourceLines.ts`). */
  source: string;
  outputs: OutputModel[];
  metadata: Record<string, unknown>;
  /** Cell keys other than the known ones, in file order. */
  extra?: Record<string, unknown>;
}

export interface OutputModel {
  items: OutputItemModel[];
  metadata: Record<string, unknown>;
  /** Output keys other than `items`, `metadata`. */
  extra?: Record<string, unknown>;
}

/**
 * One representation of an output. Maps 1:1 to the kernel protocol's `OutputItem`:
 * `data` is always text — JSON text for JSON mimes, base64 when `encoding` is `'base64'`.
 */
export interface OutputItemModel {
  mime: string;
  data: string;
  encoding?: 'base64';
  /** Item keys other than `mime`, `encoding`, `data`. */
  extra?: Record<string, unknown>;
}

/** The only format version this code reads and writes. */
export const FORMAT_VERSION = 1;
