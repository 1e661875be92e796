/**
 * Imported first by the worker entry, before tfjs: tfjs's `nextFrame()` (awaited by
 * model.fit every ~125 ms, and by cells that call `tf.nextFrame()`) picks
 * `requestAnimationFrame` when it exists, and dedicated workers in Chromium have one —
 * driven by the page's frames, so it slows down or stops while the kernel panel is
 * hidden behind another tab, and training with it. A MessageChannel message is a plain
 * task: never throttled, and it still lets the worker read its pending messages
 * (an 'interrupt') between batches.
 */
type FrameCallback = (time: number) => void;

const channel = new MessageChannel();
const waiting: FrameCallback[] = [];
channel.port1.onmessage = () => {
  const callback = waiting.shift();
  callback?.(performance.now());
};

function messageChannelFrame(callback: FrameCallback): number {
  waiting.push(callback);
  channel.port2.postMessage(0);
  return waiting.length;
}

const scope = globalThis as unknown as { requestAnimationFrame?: (cb: FrameCallback) => number; WorkerGlobalScope?: unknown };
if (typeof scope.WorkerGlobalScope !== 'undefined') scope.requestAnimationFrame = messageChannelFrame;

export {};
