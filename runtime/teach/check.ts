/**
 * `nn.check`: a checkpoint a lesson ends with. It either prints one line
 * "✓ message (a=1, b=2)" or throws with the same numbers, so a failed bar fails the cell
 * and says by how much.
 */

/** Numbers shown beside a check: `{ mse: 0.004 }` or `[0.1, 0.2]` or one number. */
export type CheckNumbers = Record<string, unknown> | readonly unknown[] | number;

/** What a passed check returns (also what it printed). */
export interface CheckResult {
  pass: true;
  message: string;
  line: string;
}

/** Thrown by a failed check; `numbers` keeps the values for tooling. */
export class CheckError extends Error {
  constructor(message: string, readonly numbers?: CheckNumbers) {
    super(message);
    this.name = 'CheckError';
  }
}

/** Short, stable number text: integers as is, else 4 significant digits (tiny/huge in exponent form). */
export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return x.toExponential(3);
  return String(Number(x.toPrecision(4)));
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(', ')}]`;
  if (v && typeof v === 'object' && typeof (v as { dataSync?: unknown }).dataSync === 'function') {
    // A tensor: show its values without keeping a reference (the caller disposes it).
    const data = Array.from((v as { dataSync(): ArrayLike<number> }).dataSync());
    return data.length === 1 ? formatNumber(data[0]) : `[${data.slice(0, 8).map(formatNumber).join(', ')}${data.length > 8 ? ', …' : ''}]`;
  }
  return String(v);
}

/** "(a=1, b=0.25)" for an object, "(1, 2)" for an array, "" for nothing. */
export function formatNumbers(numbers?: CheckNumbers): string {
  if (numbers === undefined) return '';
  if (typeof numbers === 'number') return ` (${formatNumber(numbers)})`;
  if (Array.isArray(numbers)) return numbers.length ? ` (${numbers.map(formatValue).join(', ')})` : '';
  const parts = Object.entries(numbers as Record<string, unknown>).map(([k, v]) => `${k}=${formatValue(v)}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/**
 * Passes (prints "✓ message (numbers)" and returns it) or throws a CheckError
 * "✗ message (numbers)". Pure apart from `print`.
 *
 * @example
 * const mse = 0.004;
 * check(mse < 0.01, 'XOR is learned: MSE < 0.01', { mse }, console.log);
 * // prints "✓ XOR is learned: MSE < 0.01 (mse=0.004)"
 */
export function check(condition: unknown, message: string, numbers: CheckNumbers | undefined, print: (line: string) => void): CheckResult {
  const text = `${message}${formatNumbers(numbers)}`;
  if (!condition) throw new CheckError(`✗ ${text}`, numbers);
  const line = `✓ ${text}`;
  print(line);
  return { pass: true, message, line };
}
