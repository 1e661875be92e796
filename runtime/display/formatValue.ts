import type { OutputItem } from '../../src/kernel/protocol';
import { MIME } from '../../src/kernel/protocol';
import { inspect, isLayersModelLike, isTensorLike } from './inspect';
import { modelPayload } from './modelPayload';
import { tensorPayload, type TensorLike } from './tensorPayload';

/**
 * Marks a value that has already drawn itself (a chart handle from `nn.plot.*`): as a
 * cell's final expression it shows nothing more.
 */
export const SHOWN = Symbol.for('nnbook.shown');

/**
 * The output items for a value a cell shows (its final expression, or `nn.show(x)`):
 * the rich item first (a tensor's table/heatmap/histogram, a model's summary), then a
 * text/plain fallback that any front end can show. Anything else is pretty-printed
 * text. `undefined`, and handles of outputs already shown, show nothing.
 *
 * @example
 * formatValue(tf.tensor([[1, 2], [3, 4]]))
 * // [{ mime: 'application/vnd.nnbook.tensor+json', data: '{"version":1,…}' }, { mime: 'text/plain', data: 'Tensor\n …' }]
 */
export function formatValue(value: unknown): OutputItem[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'object' && value !== null && (value as { [SHOWN]?: boolean })[SHOWN]) return undefined;
  const text: OutputItem = { mime: MIME.text, data: toText(value) };
  try {
    if (isTensorLike(value)) return [{ mime: MIME.nnbook('tensor'), data: JSON.stringify(tensorPayload(value as unknown as TensorLike)) }, text];
    if (isLayersModelLike(value)) {
      const payload = modelPayload(value as unknown as Parameters<typeof modelPayload>[0]);
      if (payload) return [{ mime: MIME.nnbook('model'), data: JSON.stringify(payload) }, text];
    }
  } catch {
    // A value that cannot be summarised still shows as text.
  }
  return [text];
}

function toText(value: unknown): string {
  if (isTensorLike(value)) {
    if (value.isDisposed) return `Tensor (disposed) dtype: ${value.dtype} shape: [${value.shape.join(',')}]`;
    return (value as unknown as { toString(verbose: boolean): string }).toString(true);
  }
  if (isLayersModelLike(value)) {
    const lines: string[] = [];
    try {
      (value as unknown as { summary(l?: number, p?: number[], print?: (s: string) => void): void }).summary(undefined, undefined, (s) => lines.push(s));
      return lines.join('\n');
    } catch {
      // A model that is not built yet has no summary.
      return `${inspect(value)} (not built yet: call model.build() or fit it once)`;
    }
  }
  return inspect(value);
}
