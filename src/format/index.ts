/**
 * The `.nnbook` file format: parse bytes to a plain model, write a model back as stable,
 * diff-friendly JSON. Pure (no `vscode`); the VS Code adaptor is `NnbookSerializer.ts`,
 * deliberately not exported here so this module loads outside the editor.
 * Spec: docs/FORMAT.md.
 */
export type { CellKind, CellModel, NotebookModel, OutputItemModel, OutputModel } from './model';
export { CODE_LANGUAGES, FORMAT_VERSION, MARKDOWN_LANGUAGE } from './model';
export { NnbookFormatError } from './NnbookFormatError';
export { emptyNotebook, parseNotebook } from './parseNotebook';
export { serializeNotebook } from './serializeNotebook';
export { isJsonMime, isTextMime } from './mimeKinds';
export { splitSourceLines, joinSourceLines } from './sourceLines';
export type { CellDataLike, ExecutionSummaryLike, NotebookDataLike, OutputDataLike, OutputItemDataLike } from './notebookData';
export { CELL_KIND_CODE, CELL_KIND_MARKUP, fromNotebookData, toNotebookData } from './notebookData';
