import type * as tfjs from '@tensorflow/tfjs';
import type { OutputItem } from '../../src/kernel/protocol';
import { formatValue } from '../display/formatValue';

/** The `nn` helpers every cell has (also `import * as nn from 'nnbook'`). */
export interface Nn {
  /** Shows a value under the cell now (a tensor, a model, anything). */
  show(value: unknown): void;
  /** The tfjs backend running the cells and its memory. */
  memory(): { backend: string; numTensors: number; numBytes: number };
}

export function createNn(deps: { tf: typeof tfjs; display: (items: OutputItem[], displayId?: string) => void }): Nn {
  const { tf, display } = deps;
  return {
    show(value) {
      const items = formatValue(value);
      if (items) display(items);
    },
    memory() {
      const m = tf.memory();
      return { backend: tf.getBackend(), numTensors: m.numTensors, numBytes: m.numBytes };
    },
  };
}
