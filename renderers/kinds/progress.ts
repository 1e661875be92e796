import type { ProgressPayload } from '../../runtime/display/payloads';
import { el, fmt, fmtDuration } from '../dom';
import { int, num, obj, version1 } from '../validate';
import type { Kind } from './Kind';

export function validateProgress(json: unknown, path = 'payload'): ProgressPayload {
  const p = obj(json, path);
  version1(p);
  for (const k of ['epoch', 'epochs', 'batch', 'batches', 'samples'] as const) int(p[k], `${path}.${k}`);
  num(p.samplesPerSec, `${path}.samplesPerSec`);
  num(p.elapsedSec, `${path}.elapsedSec`);
  if (p.etaSec !== undefined) num(p.etaSec, `${path}.etaSec`);
  if (typeof p.done !== 'boolean') throw new Error(`${path}.done: expected a boolean`);
  return p as unknown as ProgressPayload;
}

/**
 * A progress bar with a line of text: epoch, batch, samples/s and ETA. `set` updates
 * it in place (live deltas).
 *
 * @example
 * const bar = progressBar(); root.append(bar.element); bar.set(payload);
 */
export function progressBar(): { element: HTMLElement; set(p: ProgressPayload): void } {
  const fill = el('div', { class: 'progress-fill' });
  const track = el('div', { class: 'progress-track', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100' }, fill);
  const text = el('span', { class: 'progress-text' });
  const element = el('div', { class: 'progress' }, track, text);
  return {
    element,
    set(p) {
      const perEpoch = p.batches > 0 ? Math.min(p.batch / p.batches, 1) : 0;
      const frac = p.done ? 1 : p.epochs > 0 ? Math.min((p.epoch - 1 + perEpoch) / p.epochs, 1) : 0;
      fill.style.width = `${(frac * 100).toFixed(1)}%`;
      track.setAttribute('aria-valuenow', (frac * 100).toFixed(0));
      const parts = [
        `epoch ${p.epoch}${p.epochs ? `/${p.epochs}` : ''}`,
        `batch ${p.batch}${p.batches ? `/${p.batches}` : ''}`,
        `${fmt(Math.round(p.samplesPerSec))} samples/s`,
        p.done ? `done in ${fmtDuration(p.elapsedSec)}` : p.etaSec !== undefined ? `ETA ${fmtDuration(p.etaSec)}` : `${fmtDuration(p.elapsedSec)} elapsed`,
      ];
      text.textContent = parts.join(' · ');
    },
  };
}

export const progressKind: Kind<ProgressPayload> = {
  validate: (json) => validateProgress(json),
  async draw(root, payload) {
    const bar = progressBar();
    bar.set(payload);
    root.append(bar.element);
    return { dispose() {} };
  },
};
