import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PeerData } from './data';

/** ../shared/peers beside the repo, or $NNBOOK_PEERS. */
export const PEERS_DIR = process.env.NNBOOK_PEERS ?? path.resolve(__dirname, '../../../shared/peers');

export type PeerOutcome<T> = { ok: true; python: string; value: T } | { ok: false; reason: string };

export interface NumpyResult {
  numpy: string;
  blas: string | null;
  samplesPerSec: number;
  epochMsMedian: number;
  lastLoss: number;
}

export interface TorchResult {
  torch: string;
  threads: number;
  samplesPerSec: number;
  epochS: number;
  xorS: number;
  xorLoss: number;
  trainAcc: number;
}

/** The first of `pythons` that can import every module, or why none can. */
function findPython(pythons: string[], modules: string[]): { python: string } | { reason: string } {
  const why: string[] = [];
  for (const py of pythons) {
    const r = spawnSync(py, ['-c', `import ${modules.join(', ')}`], { encoding: 'utf8', timeout: 60_000 });
    if (r.error) { why.push(`${py}: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`); continue; }
    if (r.status === 0) return { python: py };
    const last = (r.stderr || '').trim().split('\n').pop() ?? `exit ${r.status}`;
    why.push(`${py}: ${last}`);
  }
  return { reason: why.join('; ') };
}

function runJson(python: string, script: string, args: string[]): { json: unknown } | { reason: string } {
  const r = spawnSync(python, [script, ...args], { encoding: 'utf8', timeout: 600_000, maxBuffer: 16 << 20 });
  if (r.error) return { reason: `${python} ${path.basename(script)}: ${r.error.message}` };
  if (r.status !== 0) return { reason: `${python} ${path.basename(script)} exited ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-2).join(' ')}` };
  const out = r.stdout.trim();
  try { return { json: JSON.parse(out.slice(out.indexOf('{'))) }; } catch (e) { return { reason: `${path.basename(script)} printed no JSON: ${out.slice(0, 200)}` }; }
}

/**
 * numpy_mlp.py (from-scratch numpy MLP): Adam, float32, 3 reps × 3 epochs, at numpy's own
 * thread count. Needs a python3 with numpy.
 */
export function runNumpyPeer(data: PeerData, reps = 3, epochs = 3): PeerOutcome<NumpyResult> {
  const script = path.join(PEERS_DIR, 'numpy_mlp.py');
  if (!fs.existsSync(script)) return { ok: false, reason: `${script} not found (set NNBOOK_PEERS)` };
  const py = findPython(['python3', '/usr/bin/python3'], ['numpy']);
  if ('reason' in py) return { ok: false, reason: `no python3 with numpy (${py.reason}); install python3-numpy` };
  const r = runJson(py.python, script, [String(reps), String(epochs), data.x, data.y]);
  if ('reason' in r) return { ok: false, reason: r.reason };
  const j = r.json as { numpy: string; blas?: string | null; adam_float32?: { samplesPerSec: number; epochMsMedian: number; lastLogs: { loss: number }[] } };
  const a = j.adam_float32;
  if (!a) return { ok: false, reason: 'numpy_mlp.py printed no adam_float32 result' };
  return { ok: true, python: py.python, value: { numpy: j.numpy, blas: j.blas ?? null, samplesPerSec: a.samplesPerSec, epochMsMedian: a.epochMsMedian, lastLoss: a.lastLogs[a.lastLogs.length - 1]?.loss } };
}

/**
 * torch_mlp.py: the same MLP in PyTorch (CPU, default threads) and XOR 2-3-1 for 2000
 * epochs. Needs Debian's python3-torch + python3-numpy (`/usr/bin/python3`).
 */
export function runTorchPeer(data: PeerData): PeerOutcome<TorchResult> {
  const script = path.join(PEERS_DIR, 'torch_mlp.py');
  if (!fs.existsSync(script)) return { ok: false, reason: `${script} not found (set NNBOOK_PEERS)` };
  const py = findPython(['/usr/bin/python3', 'python3'], ['torch', 'numpy']);
  if ('reason' in py) return { ok: false, reason: `no python3 with torch and numpy (${py.reason}); install python3-torch python3-numpy` };
  const r = runJson(py.python, script, ['--data', data.x, data.y, '--n', String(data.count)]);
  if ('reason' in r) return { ok: false, reason: r.reason };
  const j = r.json as { torch: string; threads: number; mnist_samples_per_s: number; mnist_epoch_s: number; xor_2000_epochs_s: number; xor_final_loss: number; mnist_train_acc: number };
  return { ok: true, python: py.python, value: { torch: j.torch, threads: j.threads, samplesPerSec: j.mnist_samples_per_s, epochS: j.mnist_epoch_s, xorS: j.xor_2000_epochs_s, xorLoss: j.xor_final_loss, trainAcc: j.mnist_train_acc } };
}
