/**
 * How the data of a JSON-mime output item (`+json`, `application/json`) is stored.
 * In memory it is JSON text; in the file it is a JSON value, so it reads (and diffs) as
 * JSON rather than as one escaped string.
 *
 * Writing uses the value only when that is lossless: when the text is exactly the compact
 * `JSON.stringify` form of a value that is not a string (what the kernel sends). Any other
 * text — invalid JSON, pretty-printed JSON, a JSON string literal, numbers that would not
 * survive (`1e400`) — is written as a string. Reading takes a string as the text itself and
 * any other value as its compact JSON, so every text round-trips exactly.
 *
 * @example
 * jsonTextToFileValue('{"loss":[1,0.5]}') // { loss: [1, 0.5] }
 * jsonTextToFileValue('{ "loss": 1 }')     // '{ "loss": 1 }' (not compact: kept as text)
 * fileValueToJsonText({ loss: [1, 0.5] })  // '{"loss":[1,0.5]}'
 */
export function jsonTextToFileValue(text: string): unknown {
  const first = text.charCodeAt(0);
  // Only objects and arrays are worth writing as values; a top-level number/bool/null is
  // too, as long as it is canonical. A string literal never is (it would read back unquoted).
  if (text.length === 0 || first === 0x22) return text;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(value) === text ? value : text;
}

/** The in-memory text for a JSON-mime item's `data` as found in the file. See `jsonTextToFileValue`. */
export function fileValueToJsonText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
