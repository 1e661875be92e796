import type { StreamName } from '../../src/kernel/protocol';
import { formatArgs } from '../display/inspect';

/**
 * Replaces the worker's `console` methods so that everything a cell (or tfjs) prints
 * goes to `write` as it happens. Returns a function that restores the originals.
 * Only a kernel worker calls this: the worker's console belongs to the cells.
 */
export function captureConsole(write: (name: StreamName, text: string) => void): () => void {
  const c = console as unknown as Record<string, (...a: unknown[]) => void>;
  const saved: Record<string, (...a: unknown[]) => void> = {};
  const route: Record<string, StreamName> = { log: 'stdout', info: 'stdout', debug: 'stdout', dir: 'stdout', warn: 'stderr', error: 'stderr', trace: 'stderr' };
  for (const [method, stream] of Object.entries(route)) {
    saved[method] = c[method];
    c[method] = method === 'trace'
      ? (...args: unknown[]) => write(stream, `Trace: ${formatArgs(args)}\n${(new Error().stack ?? '').split('\n').slice(2).join('\n')}\n`)
      : (...args: unknown[]) => write(stream, formatArgs(args) + '\n');
  }
  return () => { for (const [m, f] of Object.entries(saved)) c[m] = f; };
}
