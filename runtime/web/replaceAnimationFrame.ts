/**
 * Imported first by the worker entry, before tfjs: tfjs's `nextFrame()` — awaited by
 * model.fit about every 125 ms, and by cells that call `tf.nextFrame()` — uses
 * `requestAnimationFrame` when it exists. Chromium gives dedicated workers one, tied to
 * display frames: 60 per second (bench/webview), so every such yield can wait ~16 ms for
 * nothing, and a frame-driven callback is what browsers throttle in hidden or background
 * pages. A MessageChannel message is a plain task: ~30,000 yields per second, visible or
 * hidden, and still lets the worker read its pending messages (an 'interrupt') between
 * batches — which is how a cooperative interrupt reaches a running model.fit here.
 */
type FrameCallback = (time: number) => void;

const channel = new MessageChannel();
const waiting: FrameCallback[] = [];
channel.port1.onmessage = () => {
  const callback = waiting.shift();
  callback?.(performance.now());
};

/** Resolves after one macrotask: the worker has read the messages waiting for it. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => messageChannelFrame(() => resolve()));
}

function messageChannelFrame(callback: FrameCallback): number {
  waiting.push(callback);
  channel.port2.postMessage(0);
  return waiting.length;
}

/** Where the Worker's own requestAnimationFrame is kept (bench/webview measures it). */
export const NATIVE_RAF = Symbol.for('nnbook.nativeRequestAnimationFrame');

const scope = globalThis as unknown as Record<string | symbol, unknown> & { WorkerGlobalScope?: unknown };
if (typeof scope.WorkerGlobalScope !== 'undefined') {
  Object.defineProperty(scope, NATIVE_RAF, { value: scope.requestAnimationFrame, enumerable: false });
  scope.requestAnimationFrame = messageChannelFrame;
}

