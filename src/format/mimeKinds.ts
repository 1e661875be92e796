/**
 * Whether an output item's data is stored in the file as a JSON value: mimes ending in
 * `+json` and `application/json` (parameters such as `; charset=utf-8` are ignored).
 *
 * @example
 * isJsonMime('application/vnd.nnbook.loss+json') // true
 * isJsonMime('text/plain')                        // false
 */
export function isJsonMime(mime: string): boolean {
  const essence = mime.split(';', 1)[0].trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json');
}

/**
 * Whether an output of this mime is text (kept readable in the file) rather than binary
 * (stored as base64). Used when converting bytes from the editor back to the model.
 *
 * @example
 * isTextMime('application/vnd.code.notebook.stdout') // true
 * isTextMime('image/png')                            // false
 */
export function isTextMime(mime: string): boolean {
  const essence = mime.split(';', 1)[0].trim().toLowerCase();
  return (
    essence.startsWith('text/') ||
    isJsonMime(essence) ||
    essence.endsWith('+xml') ||
    essence === 'application/xml' ||
    essence === 'application/javascript' ||
    essence.startsWith('application/vnd.code.notebook.')
  );
}
