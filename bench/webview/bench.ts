/**
 * Webview kernel benchmarks, run INSIDE VS Code (code-server) as an extension-test entry:
 * `bash bench/webview/run.sh`. For each backend (wasm, webgl, cpu) it measures
 *   - kernel start: panel + page + Worker + tfjs backend ready (new panel each time);
 *   - empty-cell round trip: host compile → webview → Worker → 'done' back (target ≤ 25 ms);
 *   - training throughput (samples/s) of an XOR MLP and an MNIST-sized MLP (random data);
 * and, on wasm and webgl, whether hiding the panel behind another tab slows training
 * (and the Worker's yields: native requestAnimationFrame, setTimeout, MessageChannel).
 *
 * Prints `[nnbook-test]` lines (echoed by test/e2e/ext-tests.js) and a JSON line
 * `webview-bench {...}`; writes {suite, passed, failed, tests} to NNBOOK_TEST_RESULT.
 */
import * as fs from 'fs';
import * as vscode from 'vscode';
import { KernelSession } from '../../src/kernel/KernelSession';
import { WebviewKernel } from '../../src/kernel/WebviewKernel';
import type { WebBackendSetting } from '../../src/webview/pageMessages';
import { roundTrips } from '../roundTrips';
import { fitCell, FIT_SETUP, hiddenPanel, median, YIELD_RATES } from './benchCells';

const say = (text: string) => { for (const line of text.split('\n')) console.log(`[nnbook-test] ${line}`); };
const extensionUri = () => vscode.extensions.getExtension('nnbook.nnbook')!.extensionUri;

async function value(session: KernelSession, source: string): Promise<string> {
  const r = await session.run({ source, label: 'bench', onOutput: () => undefined });
  if (r.status !== 'ok') throw new Error(`cell failed: ${JSON.stringify(r)}\n${source}`);
  return r.value?.find((v) => v.mime === 'text/plain')?.data ?? '';
}

async function benchBackend(backend: WebBackendSetting, hidden: boolean): Promise<Record<string, unknown>> {
  const startMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const k = new WebviewKernel({ extensionUri: extensionUri(), backend: () => backend });
    const t0 = performance.now();
    await k.start();
    startMs.push(performance.now() - t0);
    k.dispose();
  }
  const kernel = new WebviewKernel({ extensionUri: extensionUri(), backend: () => backend });
  const session = new KernelSession(kernel);
  const info = await session.start();
  const rtMs = await roundTrips(session, '', { warmup: 30, runs: 200 });
  await value(session, FIT_SETUP);
  const xor = Number(await value(session, fitCell('xor')));
  const mlp = Number(await value(session, fitCell('mnistMlp')));
  const result: Record<string, unknown> = {
    backend: info.backend, detail: info.detail,
    startMs: median(startMs), startAllMs: startMs.map(Math.round),
    roundTripMs: median(rtMs), roundTripMinMs: Math.min(...rtMs),
    xorSamplesPerS: xor, mnistMlpSamplesPerS: mlp,
  };
  if (hidden) {
    // Alternating rounds, so a busy machine slows both sides alike.
    const visible: number[] = [];
    const hiddenRuns: number[] = [];
    const rates: { visible?: unknown; hidden?: unknown } = {};
    for (let round = 0; round < 5; round++) {
      visible.push(Number(await value(session, fitCell('mnistMlp'))));
      if (round === 0) rates.visible = JSON.parse((await value(session, YIELD_RATES)).replace(/^'|'$/g, ''));
      const hide = await hiddenPanel();
      try {
        if (hide.panelVisible) throw new Error('the kernel panel is still the active tab');
        hiddenRuns.push(Number(await value(session, fitCell('mnistMlp'))));
        if (round === 0) rates.hidden = JSON.parse((await value(session, YIELD_RATES)).replace(/^'|'$/g, ''));
      } finally {
        await hide.restore();
      }
    }
    result.mnistMlpVisible = visible;
    result.mnistMlpHidden = hiddenRuns;
    result.hiddenOverVisible = Math.round((median(hiddenRuns) / median(visible)) * 100) / 100;
    result.yieldPerS = rates;
  }
  session.dispose();
  return result;
}

export async function run(): Promise<void> {
  const tests: Array<{ name: string; ok: boolean; error?: string }> = [];
  const all: Record<string, unknown> = {};
  for (const backend of ['wasm', 'webgl', 'cpu'] as const) {
    try {
      const r = await benchBackend(backend, backend !== 'cpu');
      all[backend] = r;
      say(`${backend}: ${JSON.stringify(r)}`);
      tests.push({ name: `bench ${backend}`, ok: true });
    } catch (err) {
      say(`${backend}: FAILED ${(err as Error)?.stack ?? err}`);
      tests.push({ name: `bench ${backend}`, ok: false, error: String((err as Error)?.stack ?? err) });
    }
  }
  say(`webview-bench ${JSON.stringify(all)}`);
  const file = process.env.NNBOOK_TEST_RESULT;
  const failed = tests.filter((t) => !t.ok).length;
  if (file) fs.writeFileSync(file, JSON.stringify({ suite: 'bench-webview', passed: tests.length - failed, failed, tests, results: all }, null, 2));
  if (failed) throw new Error(`${failed} benchmark(s) failed`);
}
