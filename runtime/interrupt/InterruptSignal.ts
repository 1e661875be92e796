/** Thrown inside a cell when the user interrupts it; the runtime reports it, not as an error. */
export class InterruptError extends Error {
  constructor() {
    super('Interrupted');
    this.name = 'InterruptError';
  }
}

/**
 * The cooperative interrupt flag for the running cell.
 *
 * In the node kernel the host bumps a counter in a SharedArrayBuffer, so the request is
 * seen even while the worker's event loop is busy (a `model.fit` that never yields to
 * messages). Each execute carries the counter's value when it was sent, so a request
 * that lands before the cell starts still counts and one for an earlier cell does not.
 * Without shared memory (a webview without cross-origin isolation) the 'interrupt'
 * message sets the flag.
 */
export class InterruptSignal {
  private currentId: string | undefined;
  private baseGeneration = 0;
  private local = false;
  private wake: (() => void) | undefined;
  private wakePromise: Promise<never> | undefined;

  constructor(private readonly shared?: Int32Array) {}

  begin(id: string, generation: number | undefined): void {
    this.currentId = id;
    this.baseGeneration = generation ?? (this.shared ? Atomics.load(this.shared, 0) : 0);
    this.local = false;
  }

  end(): void {
    this.currentId = undefined;
    this.local = false;
    this.wake = undefined;
    this.wakePromise = undefined;
  }

  /** The 'interrupt' message: only the cell it names is interrupted. */
  request(id: string): void {
    if (id === this.currentId) {
      this.local = true;
      this.wake?.();
    }
  }

  /**
   * Settles `value`, or rejects with InterruptError as soon as an interrupt arrives —
   * so a cell awaiting a long timer or a slow download stops at once, not when it resumes.
   */
  race<T>(value: T): Promise<Awaited<T>> {
    this.check();
    if (this.currentId === undefined || !(value instanceof Object) || typeof (value as { then?: unknown }).then !== 'function') {
      return Promise.resolve(value) as Promise<Awaited<T>>;
    }
    this.wakePromise ??= new Promise<never>((_, reject) => { this.wake = () => reject(new InterruptError()); });
    this.wakePromise.catch(() => undefined); // rejected only while someone races it
    return Promise.race([value as unknown as PromiseLike<Awaited<T>>, this.wakePromise]);
  }

  get requested(): boolean {
    return this.currentId !== undefined &&
      (this.local || (this.shared !== undefined && Atomics.load(this.shared, 0) > this.baseGeneration));
  }

  /** Throws InterruptError when an interrupt is pending. */
  check(): void {
    if (this.requested) throw new InterruptError();
  }
}
