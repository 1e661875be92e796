/** Any character outside the base64 alphabet and padding (a negated class: fast on megabytes). */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * Whether `text` is standard, padded base64 (RFC 4648 §4, no line breaks), as
 * `Buffer.toString('base64')` writes it.
 *
 * @example
 * isBase64('aGk=') // true
 * isBase64('aGk')  // false (unpadded)
 */
export function isBase64(text: string): boolean {
  if (text.length % 4 !== 0 || NOT_BASE64.test(text)) return false;
  const padding = text.indexOf('=');
  if (padding === -1) return true;
  // '=' may only be the last one or two characters.
  return padding >= text.length - 2 && text.endsWith('='.repeat(text.length - padding));
}
