/** A batch's mean loss and accuracy (NaN when the model has no accuracy metric). */
export interface BatchStats {
  loss: number;
  acc: number;
}

/**
 * One way of running the fused training step of a planned Dense stack (plain JS, or tfjs
 * kernels). fastFit drives it: batches, callbacks, validation and history are its job.
 */
export interface TrainingEngine {
  /** 'js': plain JS on Float32Arrays; 'kernels': fused tfjs kernels */
  readonly kind: 'js' | 'kernels';
  /** The fraction of non-zero training inputs when the first layer's products skip zeros. */
  readonly inputDensity?: number;
  /**
   * Trains one batch: training rows order[start … start+size), or rows start … start+size
   * when order is null. With `stats` it returns the batch's loss and accuracy (a read
   * from the backend); without, they are summed where they are and read by takeEpochSums.
   */
  step(start: number, size: number, order: Int32Array | null, stats: boolean): BatchStats | null;
  /** Sums of loss·size and acc·size over the batches since the last call. */
  takeEpochSums(): Promise<BatchStats>;
  /** The same, synchronously, where the sums are in JS already. */
  takeEpochSumsNow?(): BatchStats;
  /** Loss and accuracy on other data (validation), as model.evaluate computes them. */
  evaluate(): Promise<BatchStats>;
  /** Puts the current weights into the model's variables (a no-op where they live there). */
  syncModel(): void;
  /** Takes the model's variables as the current weights (a callback may have set them); a no-op where they live there. */
  reloadFromModel(): void;
  /** Weights and optimizer state back into the model and its optimizer; frees the engine. */
  finish(): void;
}
