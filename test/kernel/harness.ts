import * as path from 'path';
import * as fs from 'fs';
import { NodeKernel, type NodeKernelOptions } from '../../src/kernel/NodeKernel';
import { KernelSession, type CellResult } from '../../src/kernel/KernelSession';
import type { FromKernel } from '../../src/kernel/protocol';

export const ROOT = path.resolve(__dirname, '../..');
export const WORKER = path.join(ROOT, 'out/kernel-node.js');

if (!fs.existsSync(WORKER)) throw new Error('out/kernel-node.js is missing: run `npm run build` first');

export function newSession(options: NodeKernelOptions = {}): KernelSession {
  return new KernelSession(new NodeKernel({ workerPath: WORKER, ...options }));
}

export interface Ran {
  result: CellResult;
  messages: FromKernel[];
  stdout: string;
  stderr: string;
  /** The final value as text/plain, if any. */
  text?: string;
}

let n = 0;
/** Runs one cell and gathers everything it sent. */
export async function run(session: KernelSession, source: string, onOutput?: (m: FromKernel) => void): Promise<Ran> {
  const messages: FromKernel[] = [];
  const result = await session.run({ source, label: `cell ${++n}`, onOutput: (m) => { messages.push(m); onOutput?.(m); } });
  const streams = (name: string) => messages.filter((m) => m.type === 'stream' && m.name === name).map((m) => (m as { text: string }).text).join('');
  const text = result.status === 'ok' ? result.value?.find((i) => i.mime === 'text/plain')?.data : undefined;
  return { result, messages, stdout: streams('stdout'), stderr: streams('stderr'), text };
}

/** Runs a cell that must succeed; returns its text value. */
export async function ok(session: KernelSession, source: string): Promise<Ran> {
  const r = await run(session, source);
  if (r.result.status !== 'ok') throw new Error(`cell failed: ${JSON.stringify(r.result)}\nstderr: ${r.stderr}`);
  return r;
}

/** The kernel's live tensor count, read through a cell (the read itself creates none). */
export async function numTensors(session: KernelSession): Promise<number> {
  const r = await ok(session, 'tf.memory().numTensors');
  return Number(r.text);
}
