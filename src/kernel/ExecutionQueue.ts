/**
 * Runs tasks one after another, in the order they were queued. `cancelPending()` drops
 * the ones not started yet (they resolve with `undefined`), as an interrupt or a restart
 * of the kernel must.
 *
 * @example
 * const q = new ExecutionQueue();
 * const a = q.enqueue(async () => 1);   // resolves 1
 * const b = q.enqueue(async () => 2);   // starts after a
 */
export class ExecutionQueue {
  private tail: Promise<unknown> = Promise.resolve();
  private generation = 0;

  enqueue<T>(task: () => Promise<T>): Promise<T | undefined> {
    const generation = this.generation;
    const result = this.tail.then(() => (generation === this.generation ? task() : undefined));
    this.tail = result.catch(() => undefined);
    return result;
  }

  cancelPending(): void {
    this.generation++;
  }
}
