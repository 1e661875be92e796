/**
 * The keys the format defines at each level, in the order they are written. Any other
 * key is an unknown field: kept in `extra` and written after these.
 */
export const NOTEBOOK_KEYS: readonly string[] = ['nnbook', 'metadata', 'cells'];
export const CELL_KEYS: readonly string[] = ['kind', 'language', 'source', 'outputs', 'metadata'];
export const OUTPUT_KEYS: readonly string[] = ['items', 'metadata'];
export const ITEM_KEYS: readonly string[] = ['mime', 'encoding', 'data'];
