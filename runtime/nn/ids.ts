let counter = 0;
const session = Math.random().toString(36).slice(2, 8);

/**
 * A display id unique within this kernel and unlikely to repeat after a restart (the
 * renderer routes live updates by it, across every open notebook).
 *
 * @example
 * newDisplayId('loss') // "loss-k3j9x1-4"
 */
export function newDisplayId(kind: string): string {
  return `${kind}-${session}-${++counter}`;
}
