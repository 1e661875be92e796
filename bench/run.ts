/**
 * Training benchmark: nnbook against the peers, on the same data, in one run.
 *
 *   npm run bench              a table (needs `npm run build` for out/kernel-node.js + out/data)
 *   npm run bench -- --json    one JSON object on stdout instead (progress on stderr)
 *   NNBOOK_KERNEL_BUNDLE=path/kernel-node.js  runs another build of the node kernel
 *   options: --epochs N (MNIST epochs per nnbook wasm run, first is warm-up; default 4)
 *            --no-cpu (skip the CPU-backend kernel)   --no-peers
 *            --no-fast (skip the in-process fused-step comparison, bench/train/fastpath.ts)
 *
 * Workloads (issue 7):
 *   MNIST-MLP 784-128-10 ReLU/softmax, Adam 1e-3, batch 128, the 10,000 digits nnbook
 *   ships; nnbook through the real node kernel running a `model.fit` cell as
 *   samples/06-mnist-mlp.nnbook teaches (steady epochs timed inside the cell); peers
 *   ../shared/peers/numpy_mlp.py (python3 + numpy) and torch_mlp.py (python3-torch),
 *   fed the same digits exported to X.u8 / Y.u8, at their default thread counts.
 *   XOR 2-3-1 sigmoid, SGD lr 1, MSE, 2000 epochs.
 * A peer that cannot run is null in the JSON, with its reason printed.
 */
import * as os from 'node:os';
import { mnistCell, xorCell, type MnistCellResult, type XorCellResult } from './train/cells';
import { exportPeerData, removePeerData } from './train/data';
import { kernelMissing, startKernel } from './train/nnbook';
import type { FastPathResult } from './train/fastpath';
import { runNumpyPeer, runTorchPeer, type NumpyResult, type PeerOutcome, type TorchResult } from './train/peers';

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const noCpu = argv.includes('--no-cpu');
const noPeers = argv.includes('--no-peers');
const noFast = argv.includes('--no-fast');
const epochsArg = argv.indexOf('--epochs');
const epochs = epochsArg >= 0 ? Math.max(2, Number(argv[epochsArg + 1]) || 4) : 4;

const log = (s: string) => (json ? process.stderr : process.stdout).write(s + '\n');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface MnistRun { samplesPerSec: number; epochMs: number[]; loss: number[]; acc: number[]; backend: string }

/** steady = the epochs after the first (warm-up). */
function mnistRun(r: MnistCellResult): MnistRun {
  const steady = r.epochMs.slice(1);
  return { samplesPerSec: Math.round(r.samples / (median(steady) / 1000)), epochMs: r.epochMs.map((x) => Math.round(x)), loss: r.loss.map((x) => +x.toFixed(4)), acc: r.acc.map((x) => +x.toFixed(4)), backend: r.backend };
}

async function nnbookRuns(backend: 'auto' | 'cpu', withNoChart: boolean, nEpochs: number) {
  const k = await startKernel(backend);
  try {
    log(`nnbook kernel (${backend}): ${k.backend} — ${k.detail}; start ${k.startMs.toFixed(0)} ms`);
    // Without the chart first: the first training cell of a kernel also warms it up, and
    // that must not be charged to the chart.
    let plain: MnistRun | undefined;
    if (withNoChart) {
      plain = mnistRun((await k.cell<MnistCellResult>(mnistCell({ epochs: nEpochs, liveChart: false }), 'cell 1')).result);
      log(`  MNIST model.fit, no chart:         ${plain.samplesPerSec} samples/s, epochs ${plain.epochMs.join(', ')} ms`);
    }
    const live = mnistRun((await k.cell<MnistCellResult>(mnistCell({ epochs: nEpochs, liveChart: true }), 'cell 2')).result);
    log(`  MNIST model.fit + nn.fitCallbacks: ${live.samplesPerSec} samples/s, epochs ${live.epochMs.join(', ')} ms, loss ${live.loss.join(' → ')}`);
    const xor = (await k.cell<XorCellResult>(xorCell(), 'cell 3')).result;
    log(`  XOR: model.fit ${(xor.fitMs / 1000).toFixed(3)} s (loss ${xor.fitLoss.toFixed(4)}), hand-written loop ${(xor.loopMs / 1000).toFixed(3)} s (loss ${xor.loopLoss.toFixed(4)})`);
    return { backend: k.backend, startMs: Math.round(k.startMs), live, plain, xor };
  } finally {
    k.dispose();
  }
}

const fmt = (n: number | null | undefined, digits = 0) => (n == null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null || b === 0 ? null : +(a / b).toFixed(3));

async function main() {
  const missing = kernelMissing();
  if (missing) { console.error(`bench: ${missing}`); process.exit(1); }
  const data = exportPeerData();
  log(`data: ${data.count} shipped digits exported to ${data.dir} (X.u8, Y.u8)`);
  try {
    const wasm = await nnbookRuns('auto', true, epochs);
    const cpu = noCpu ? undefined : await nnbookRuns('cpu', false, 2);

    let numpy: PeerOutcome<NumpyResult> = { ok: false, reason: 'skipped (--no-peers)' };
    let torch: PeerOutcome<TorchResult> = { ok: false, reason: 'skipped (--no-peers)' };
    if (!noPeers) {
      log('numpy peer (numpy_mlp.py, Adam float32, 3 reps × 3 epochs)…');
      numpy = runNumpyPeer(data);
      log(numpy.ok ? `  ${numpy.value.samplesPerSec} samples/s (numpy ${numpy.value.numpy}, blas ${numpy.value.blas}, ${numpy.python})` : `  skipped: ${numpy.reason}`);
      log('torch peer (torch_mlp.py)…');
      torch = runTorchPeer(data);
      log(torch.ok ? `  ${torch.value.samplesPerSec} samples/s, XOR ${torch.value.xorS} s (torch ${torch.value.torch}, ${torch.value.threads} threads, ${torch.python})` : `  skipped: ${torch.reason}`);
    }

    let fast: FastPathResult | undefined;
    if (!noFast) {
      log('fused step (runtime/fast/fitDense) against model.fit, in this process, wasm…');
      const { measureFastPath } = await import('./train/fastpath');
      fast = await measureFastPath('wasm', epochs, log);
    }

    const np = numpy.ok ? numpy.value.samplesPerSec : null;
    const th = torch.ok ? torch.value.samplesPerSec : null;
    const thXor = torch.ok ? torch.value.xorS : null;
    const out = {
      nnbook_mnist_samples_per_s: wasm.live.samplesPerSec,
      numpy_mnist_samples_per_s: np,
      torch_mnist_samples_per_s: th,
      nnbook_xor_s: +(wasm.xor.fitMs / 1000).toFixed(4),
      torch_xor_s: thXor,
      nnbook_mnist_vs_numpy: ratio(wasm.live.samplesPerSec, np),
      nnbook_mnist_vs_torch: ratio(wasm.live.samplesPerSec, th),
      nnbook_xor_time_vs_torch: ratio(wasm.xor.fitMs / 1000, thXor),
      nnbook_backend: wasm.backend,
      nnbook_mnist_no_chart_samples_per_s: wasm.plain?.samplesPerSec ?? null,
      nnbook_xor_loop_s: +(wasm.xor.loopMs / 1000).toFixed(4),
      nnbook_cpu_mnist_samples_per_s: cpu?.live.samplesPerSec ?? null,
      nnbook_cpu_xor_s: cpu ? +(cpu.xor.fitMs / 1000).toFixed(4) : null,
      nnbook_cpu_xor_loop_s: cpu ? +(cpu.xor.loopMs / 1000).toFixed(4) : null,
      nnbook_fast_mnist_samples_per_s: fast?.fastSamplesPerSec ?? null,
      nnbook_fast_xor_s: fast?.xorFastS ?? null,
      inprocess_fit_mnist_samples_per_s: fast?.fitSamplesPerSec ?? null,
      inprocess_fit_row_copy_mnist_samples_per_s: fast?.fitRowCopySamplesPerSec ?? null,
      inprocess_fit_xor_s: fast?.xorFitS ?? null,
      nnbook_fast_mnist_loss: fast?.fastLoss ?? null,
      inprocess_fit_mnist_loss: fast?.fitLoss ?? null,
      profile_batch_model_fit: fast?.fitProfile ?? null,
      profile_batch_fast: fast?.fastProfile ?? null,
      nnbook_kernel_start_ms: wasm.startMs,
      nnbook_mnist_epoch_ms: wasm.live.epochMs,
      nnbook_mnist_loss: wasm.live.loss,
      numpy_mnist_last_loss: numpy.ok ? numpy.value.lastLoss : null,
      torch_mnist_train_acc: torch.ok ? torch.value.trainAcc : null,
      peers_skipped: { numpy: numpy.ok ? null : numpy.reason, torch: torch.ok ? null : torch.reason },
      versions: { node: process.version, numpy: numpy.ok ? numpy.value.numpy : null, torch: torch.ok ? torch.value.torch : null, torch_threads: torch.ok ? torch.value.threads : null },
      machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) },
    };
    if (json) { process.stdout.write(JSON.stringify(out) + '\n'); return; }

    const rows: [string, number | null, number | null, string][] = [
      [`nnbook node kernel, ${wasm.backend}, model.fit + live chart (default)`, wasm.live.samplesPerSec, wasm.xor.fitMs / 1000, 'XOR via model.fit'],
      [`nnbook node kernel, ${wasm.backend}, model.fit, no chart`, wasm.plain?.samplesPerSec ?? null, wasm.xor.loopMs / 1000, 'XOR via hand-written loop'],
    ];
    if (cpu) {
      rows.push([`nnbook node kernel, cpu, model.fit + live chart`, cpu.live.samplesPerSec, cpu.xor.fitMs / 1000, 'XOR via model.fit']);
      rows.push([`nnbook node kernel, cpu, hand-written XOR loop`, null, cpu.xor.loopMs / 1000, 'XOR via hand-written loop']);
    }
    if (fast) {
      rows.push([`in-process ${fast.backend}: model.fit (reference for the next row)`, fast.fitSamplesPerSec, fast.xorFitS, 'XOR via model.fit']);
      rows.push([`in-process ${fast.backend}: model.fit + row-copy Slice/GatherV2 (runtime/fast/wasmRowCopyKernels)`, fast.fitRowCopySamplesPerSec, null, '']);
      rows.push([`in-process ${fast.backend}: fused step, runtime/fast/fitDense (not yet on \`nn\`)`, fast.fastSamplesPerSec, fast.xorFastS, 'XOR via fitDense']);
    }
    rows.push([`numpy from scratch, Adam float32${numpy.ok ? ` (numpy ${numpy.value.numpy})` : ''}`, np, null, '']);
    rows.push([`PyTorch CPU${torch.ok ? ` ${torch.value.torch}, ${torch.value.threads} threads` : ''}`, th, thXor, '']);
    console.log('');
    console.log(`MNIST-MLP 784-128-10, Adam 1e-3, batch 128, ${data.count} digits (steady epochs); XOR 2-3-1 SGD 2000 epochs. ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}, Node ${process.version}`);
    console.log('');
    console.log('| runner | MNIST samples/s | ÷ numpy | ÷ PyTorch | XOR 2000 epochs | XOR time ÷ PyTorch |');
    console.log('|---|---|---|---|---|---|');
    for (const [name, sps, xor, xorHow] of rows) {
      const isPeer = name.startsWith('numpy') || name.startsWith('PyTorch');
      console.log(`| ${name} | ${fmt(sps)} | ${isPeer ? '' : fmt(ratio(sps, np), 3)} | ${isPeer ? '' : fmt(ratio(sps, th), 3)} | ${xor == null ? '—' : `${xor.toFixed(3)} s${xorHow ? ` (${xorHow.replace('XOR via ', '')})` : ''}`} | ${isPeer ? '' : fmt(ratio(xor, thXor), 2)} |`);
    }
    if (!numpy.ok) console.log(`\nnumpy peer skipped: ${numpy.reason}`);
    if (!torch.ok) console.log(`torch peer skipped: ${torch.reason}`);
    if (fast) {
      const p = (name: string, b: FastPathResult['fitProfile']) =>
        console.log(`| ${name} | ${b.wallMs.toFixed(2)} ms | ${b.kernels} | ${b.kernelMs.toFixed(2)} ms | ${b.matMulMs.toFixed(2)} ms | ${b.byTime} |`);
      console.log('\nOne batch of 128 (wasm, in-process; kernel times from tf.profile, which adds its own cost):\n');
      console.log('| step | wall | kernels | kernel time | of which matMul | kernel time by name (count) |');
      console.log('|---|---|---|---|---|---|');
      p('model.trainOnBatch', fast.fitProfile);
      p('fitDense step', fast.fastProfile);
      console.log(`\nlosses per epoch: in-process model.fit ${fast.fitLoss.join(' → ')}; with row-copy kernels ${fast.fitRowCopyLoss.join(' → ')}; fitDense ${fast.fastLoss.join(' → ')}`);
    }
    console.log(`\nnnbook kernel start ${wasm.startMs} ms; MNIST losses per epoch ${wasm.live.loss.join(' → ')}`);
    console.log('\n' + JSON.stringify(out));
  } finally {
    removePeerData(data);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
