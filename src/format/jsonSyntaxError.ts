/**
 * A JSON syntax error with the offset (in UTF-16 code units) where it was found. The
 * notebook parser turns it into an `NnbookFormatError` with line and column.
 */
export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    /** What is wrong, e.g. `unexpected '}'`. */
    readonly reason: string,
    /** Where, as an index into the parsed text. */
    readonly offset: number,
  ) {
    super(`${reason} at offset ${offset}`);
  }
}
