import type { OutputItem } from '../../src/kernel/protocol';
import { inspect, isLayersModelLike, isTensorLike } from './inspect';

/**
 * The output items for a value a cell shows (its final expression, or `nn.show(x)`).
 * Tensors show dtype, shape and values; models their layer summary; anything else is
 * pretty-printed text. `undefined` shows nothing.
 *
 * @example
 * formatValue(tf.tensor([[1, 2], [3, 4]]))  // text/plain "Tensor\n  dtype: float32\n  rank: 2\n  shape: [2,2]\n  values: …"
 */
export function formatValue(value: unknown): OutputItem[] | undefined {
  if (value === undefined) return undefined;
  return [{ mime: 'text/plain', data: toText(value) }];
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
