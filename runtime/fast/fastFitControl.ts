import type { FitRoute } from './fastFit';
import type { StepThreads } from './stepThreads';

/**
 * The kernel's switch for the fast model.fit path and what the last fit did; `nn.fast`
 * and `nn.lastFit` read and write it; `threads`, the helper thread the node kernel gives
 * the fast path (none in a webview). One per kernel (each kernel is its own worker).
 *
 * @example
 * fastFitControl.enabled = false; // every model.fit runs tfjs's own loop
 * fastFitControl.last;            // { path: 'tfjs', reason: 'nn.fast is false' }
 */
export const fastFitControl: { enabled: boolean; last: FitRoute | undefined; threads?: StepThreads } = { enabled: true, last: undefined };
