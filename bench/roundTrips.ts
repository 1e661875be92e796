import type { KernelSession } from '../src/kernel/KernelSession';

/**
 * Times `runs` executions of `source` through a kernel session (host compile → kernel →
 * result), after `warmup` untimed ones; throws if any fails. Milliseconds, in run order.
 *
 * @example
 * const ms = await roundTrips(session, '', { warmup: 50, runs: 300 });
 */
export async function roundTrips(session: KernelSession, source: string, opts: { warmup: number; runs: number }): Promise<number[]> {
  const run = () => session.run({ source, label: 'bench', onOutput: () => undefined });
  for (let i = 0; i < opts.warmup; i++) await run();
  const ms: number[] = [];
  for (let i = 0; i < opts.runs; i++) {
    const t0 = performance.now();
    const r = await run();
    if (r.status !== 'ok') throw new Error(`bench cell failed: ${JSON.stringify(r)}`);
    ms.push(performance.now() - t0);
  }
  return ms;
}
