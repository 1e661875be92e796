import { isTextMime } from './mimeKinds';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The bytes an editor holds for an item: base64 decoded, or the text as UTF-8.
 *
 * @example
 * itemBytes({ mime: 'text/plain', data: 'hi' })                     // Uint8Array [104, 105]
 * itemBytes({ mime: 'image/png', data: 'aGk=', encoding: 'base64' }) // Uint8Array [104, 105]
 */
export function itemBytes(item: { data: string; encoding?: 'base64' }): Uint8Array {
  // A copy, not a view: small Buffers share a pooled ArrayBuffer that must not leak to the editor.
  if (item.encoding === 'base64') return new Uint8Array(Buffer.from(item.data, 'base64'));
  return encoder.encode(item.data);
}

/**
 * Bytes from the editor back to item text. `preferBase64` is what the item was read as;
 * without it (a new output), text mimes are text and the rest base64. Bytes that are not
 * UTF-8 are always base64, so nothing is lost.
 *
 * @example
 * itemFromBytes('text/plain', new Uint8Array([104, 105]))  // { data: 'hi' }
 * itemFromBytes('image/png', new Uint8Array([104, 105]))   // { data: 'aGk=', encoding: 'base64' }
 */
export function itemFromBytes(mime: string, bytes: Uint8Array, preferBase64?: boolean): { data: string; encoding?: 'base64' } {
  const wantText = preferBase64 === undefined ? isTextMime(mime) : !preferBase64;
  if (wantText) {
    const text = decodeStrict(bytes);
    if (text !== undefined) return { data: text };
  }
  return { data: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'), encoding: 'base64' };
}

/** Whether a new output of this mime and these bytes would be read as base64 (see `itemFromBytes`). */
export function defaultsToBase64(mime: string, bytes: Uint8Array): boolean {
  return !isTextMime(mime) || decodeStrict(bytes) === undefined;
}

function decodeStrict(bytes: Uint8Array): string | undefined {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    return undefined;
  }
}
