/**
 * Turns the webview bench's raw throughputs into the verdict the bench exists for: per
 * workload, the best explicit backend, what `auto` chose, and auto ÷ best (issue 4:
 * auto must be within 10% of the best on every workload).
 */
export const EXPLICIT_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;

/** samples/s of every round: throughput[backend][workload] = [round 1, round 2, …]. */
export type Throughput = Record<string, Record<string, number[]>>;

export interface WorkloadVerdict {
  workload: string;
  /** Best-of-rounds samples/s per backend (auto included). */
  perBackend: Record<string, number>;
  best: { backend: string; samplesPerS: number };
  /** The backend the auto kernel ran on. */
  autoChoice: string;
  /**
   * auto's own measured best-of-rounds ÷ the best explicit backend's. auto runs the same
   * backend as one explicit setting, so where that one is the best, this differs from 1
   * only by measurement noise.
   */
  autoOverBest: number;
  /** The chosen backend's explicit runs ÷ the best: whether auto picks right, free of auto's own run noise. */
  choiceOverBest: number;
  /** The verdict: choiceOverBest ≥ 0.9 (auto picks a backend within 10% of the best). */
  ok: boolean;
}

/** Best of the rounds: on a shared machine a slow round is load, not the backend. */
export function bestOf(runs: number[] | undefined): number {
  const good = (runs ?? []).filter((r) => Number.isFinite(r) && r > 0);
  return good.length ? Math.max(...good) : 0;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * @example
 * summariseBench({ wasm: { xor: [7000] }, webgl: { xor: [1200] }, cpu: { xor: [6500] }, auto: { xor: [6900] } }, 'wasm')
 * // → [{ workload: 'xor', best: { backend: 'wasm', samplesPerS: 7000 }, autoOverBest: 0.99, choiceOverBest: 1, ok: true, … }]
 */
export function summariseBench(throughput: Throughput, autoChoice: string, workloads?: readonly string[]): WorkloadVerdict[] {
  if (!throughput.auto) throw new Error('summariseBench: no auto runs');
  const names = workloads ?? Object.keys(throughput.auto);
  return names.map((workload) => {
    const perBackend: Record<string, number> = {};
    for (const b of Object.keys(throughput)) perBackend[b] = bestOf(throughput[b][workload]);
    let best = { backend: '', samplesPerS: 0 };
    for (const b of EXPLICIT_BACKENDS) {
      if ((perBackend[b] ?? 0) > best.samplesPerS) best = { backend: b, samplesPerS: perBackend[b] };
    }
    if (!best.backend) throw new Error(`summariseBench: no explicit backend measured ${workload}`);
    const autoOverBest = round2(perBackend.auto / best.samplesPerS);
    const choiceOverBest = round2((perBackend[autoChoice] ?? 0) / best.samplesPerS);
    return { workload, perBackend, best, autoChoice, autoOverBest, choiceOverBest, ok: choiceOverBest >= 0.9 };
  });
}

const fmt = (n: number) => (n ? Math.round(n).toLocaleString('en-US') : '—');

/** A markdown table: one row per workload, samples/s per backend, best, auto's choice, ratios. */
export function benchTable(verdicts: WorkloadVerdict[], backends: readonly string[] = [...EXPLICIT_BACKENDS, 'auto']): string {
  const head = ['workload', ...backends.map((b) => `${b} samples/s`), 'best', 'auto chose', 'auto ÷ best', 'choice ÷ best'];
  const rows = verdicts.map((v) => [
    v.workload, ...backends.map((b) => fmt(v.perBackend[b] ?? 0)), v.best.backend, v.autoChoice,
    v.autoOverBest.toFixed(2), `${v.choiceOverBest.toFixed(2)}${v.ok ? '' : ' ✘'}`,
  ]);
  return [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** Pairs of (visible, hidden) samples/s → each hidden ÷ visible and their median. */
export function hiddenRatios(pairs: Array<{ visible: number; hidden: number }>): { ratios: number[]; median: number } {
  if (!pairs.length) throw new Error('hiddenRatios: no pairs');
  const ratios = pairs.map((p) => {
    if (!(p.visible > 0)) throw new Error(`hiddenRatios: visible throughput must be > 0, got ${p.visible}`);
    return round2(p.hidden / p.visible);
  });
  const s = [...ratios].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : round2((s[mid - 1] + s[mid]) / 2);
  return { ratios, median };
}
