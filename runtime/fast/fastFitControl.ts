import type { FitRoute } from './fastFit';

/**
 * The kernel's switch for the fast model.fit path and what the last fit did; `nn.fast`
 * and `nn.lastFit` read and write it. One per kernel (each kernel is its own worker).
 *
 * @example
 * fastFitControl.enabled = false; // every model.fit runs tfjs's own loop
 * fastFitControl.last;            // { path: 'tfjs', reason: 'nn.fast is false' }
 */
export const fastFitControl: { enabled: boolean; last: FitRoute | undefined } = { enabled: true, last: undefined };
