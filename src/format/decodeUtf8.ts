import { NnbookFormatError } from './NnbookFormatError';
import { positionAt } from './textPosition';

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes file bytes as UTF-8 (a leading byte order mark is dropped). Invalid bytes are
 * an `NnbookFormatError` naming the line, column and byte offset, never U+FFFD.
 *
 * @example
 * decodeUtf8(new Uint8Array([0x7b, 0x7d])) // '{}'
 * decodeUtf8(new Uint8Array([0x7b, 0xff])) // throws "nnbook: not valid UTF-8 at line 1, column 2 (byte 1)"
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const before = strictDecoder.decode(bytes.subarray(0, offset));
    const { line, column } = positionAt(before, before.length);
    throw new NnbookFormatError(`nnbook: not valid UTF-8 at line ${line}, column ${column} (byte ${offset})`, { line, column });
  }
}

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (Unicode
 * table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k];
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return bytes.length;
}
