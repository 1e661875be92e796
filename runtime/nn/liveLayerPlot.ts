import { MIME } from '../../src/kernel/protocol';
import { SHOWN } from '../display/formatValue';
import { markReadsModelWhen } from '../fast/fitCallbackList';
import type { DisplaySink, OpenOutputs } from './DisplaySink';
import { newDisplayId } from './ids';

/** A live picture is replaced by a fresh snapshot at most this often (≤ 2 a second). */
export const LIVE_SNAPSHOT_MS = 500;

/**
 * What `nn.plot.heatmap(layer, { every })` and `nn.plot.decisionBoundary(…, { every })`
 * return: the output's display id, and itself a model.fit callback (CustomCallbackArgs
 * shape) that redraws the picture every `every` batches.
 *
 * @example
 * await model.fit(x, y, { callbacks: [nn.fitCallbacks(), nn.plot.heatmap(model.layers[0], { every: 10 })] });
 */
export interface LivePlot {
  readonly displayId: string;
  onBatchEnd: (batch: number, logs?: unknown) => Promise<void>;
  onTrainEnd: (logs?: unknown) => Promise<void>;
}

/**
 * Shows a picture now and returns a model.fit callback that re-reads it every `every`
 * batches with `read` (asynchronous: `await tensor.data()`, never a sync read while
 * training) and replaces the output (same display id) at most once per
 * LIVE_SNAPSHOT_MS. At the end of training, and at cell end (OpenOutputs), the final
 * picture is shown.
 *
 * @example
 * const live = liveSnapshotPlot(sink, 'heatmap', () => heatmapPayloadAsync(layer), () => heatmapPayload(layer), 10, open);
 * await model.fit(x, y, { callbacks: [live] });
 */
export function liveSnapshotPlot(
  sink: DisplaySink, kind: string, read: () => Promise<unknown>, readSync: () => unknown, every: number,
  open?: OpenOutputs, now: () => number = () => performance.now(),
): LivePlot {
  if (!Number.isInteger(every) || every < 1) throw new RangeError(`nn.plot.${kind}: every must be a whole number ≥ 1 (batches between redraws), not ${every}`);
  const displayId = newDisplayId(kind);
  const show = (payload: unknown) => sink.display([{ mime: MIME.nnbook(kind), data: JSON.stringify(payload) }], displayId);
  let batches = 0, last = -Infinity, finished = false, stale = false;
  const output = {
    finish() {
      if (finished) return;
      finished = true;
      open?.delete(output);
      show(readSync());
    },
  };
  show(readSync());
  open?.add(output);
  const redraw = async () => {
    last = now();
    const payload = await read();
    if (!finished) { show(payload); stale = false; }
  };
  const redrawDue = () => (batches + 1) % every === 0 && now() - last >= LIVE_SNAPSHOT_MS;
  // the fast path asks just before the batch end whether a redraw is due; the batch end then
  // keeps to that answer (the clock moved meanwhile), so it never draws weights not written back
  let askedAt = -1, askedDue = false;
  const callbacks = {
    displayId,
    [SHOWN]: true,
    onBatchEnd: async () => {
      if (finished) return;
      stale = true;
      const due = askedAt === batches ? askedDue : redrawDue();
      batches++;
      if (due) await redraw();
    },
    onTrainEnd: async () => {
      if (finished || !stale) return;
      await redraw();
    },
  } as LivePlot;
  // the fast fit path writes its weights into the model only before a redraw, not every batch
  return markReadsModelWhen(callbacks, (e) => {
    if (finished) return false;
    if (e === 'onTrainEnd') return stale;
    if (e !== 'onBatchEnd') return false;
    askedAt = batches;
    askedDue = redrawDue();
    return askedDue;
  });
}
