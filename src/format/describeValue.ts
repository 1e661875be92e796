/**
 * The JSON type of a value, for "expected …, got …" messages.
 *
 * @example
 * jsonTypeName([1]) // 'array'
 * jsonTypeName(null) // 'null'
 */
export function jsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A short rendering of a value for messages: scalars as JSON (strings cut at 40
 * characters), arrays and objects by type name.
 *
 * @example
 * showValue('python') // '"python"'
 * showValue(2)        // '2'
 * showValue({})       // 'object'
 */
export function showValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return jsonTypeName(value);
}

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
