import * as fs from 'node:fs';
import * as path from 'node:path';
import { KernelSession } from '../../src/kernel/KernelSession';
import { NodeKernel } from '../../src/kernel/NodeKernel';
import type { FromKernel } from '../../src/kernel/protocol';
import { RESULT_MARK } from './cells';

/** out/kernel-node.js (`npm run build`), or $NNBOOK_KERNEL_BUNDLE (e.g. a build of another checkout). */
export const KERNEL_BUNDLE = path.resolve(process.env.NNBOOK_KERNEL_BUNDLE ?? path.join(__dirname, '../../out/kernel-node.js'));

/** Why the node kernel cannot run here, or undefined when it can. */
export function kernelMissing(): string | undefined {
  if (!fs.existsSync(KERNEL_BUNDLE)) return `${KERNEL_BUNDLE} is missing: run \`npm run build\``;
  if (!fs.existsSync(path.join(path.dirname(KERNEL_BUNDLE), 'data', 'mnist.bin.gz'))) return `${path.join(path.dirname(KERNEL_BUNDLE), 'data', 'mnist.bin.gz')} is missing: run \`npm run build\``;
  return undefined;
}

export interface KernelRun {
  backend: string;
  detail: string;
  startMs: number;
  /** runs a cell, returns its marked result line parsed */
  cell<T>(source: string, label: string): Promise<{ result: T; cellMs: number }>;
  dispose(): void;
}

/**
 * Starts a real node kernel (worker_threads worker running out/kernel-node.js) behind a
 * KernelSession, the way the extension and `nnbook run` do.
 *
 * @example
 * const k = await startKernel('auto');
 * const { result } = await k.cell<{ x: number }>('console.log("@@nnbook-bench " + JSON.stringify({ x: 1 }))', 'cell 1');
 * k.dispose();
 */
export async function startKernel(backend: 'auto' | 'wasm' | 'cpu'): Promise<KernelRun> {
  const session = new KernelSession(new NodeKernel({ workerPath: KERNEL_BUNDLE, backend, interruptGraceMs: 60_000 }));
  const t0 = performance.now();
  const info = await session.start();
  const startMs = performance.now() - t0;
  return {
    backend: info.backend,
    detail: info.detail,
    startMs,
    async cell<T>(source: string, label: string) {
      let text = '';
      const onOutput = (m: FromKernel) => { if (m.type === 'stream') text += m.text; };
      const r = await session.run({ source, label, onOutput });
      if (r.status !== 'ok') throw new Error(`${label} did not finish: ${JSON.stringify(r)}\n${text}`);
      const line = text.split('\n').find((l) => l.startsWith(RESULT_MARK));
      if (!line) throw new Error(`${label} finished in ${r.ms.toFixed(1)} ms without printing its result line (is out/kernel-node.js built from a working tree that evaluates cells?):\n${text}`);
      return { result: JSON.parse(line.slice(RESULT_MARK.length)) as T, cellMs: r.ms };
    },
    dispose: () => session.dispose(),
  };
}
