/**
 * Training benchmark: nnbook against the peers, on the same data, in one run.
 *
 *   npm run bench              a table (needs `npm run build` for out/kernel-node.js + out/data)
 *   npm run bench -- --json    one JSON object on stdout instead (progress on stderr)
 *   NNBOOK_KERNEL_BUNDLE=path/kernel-node.js  runs another build of the node kernel
 *   options: --epochs N (MNIST epochs per nnbook wasm run, first is warm-up; default 4)
 *            --no-cpu (skip the CPU-backend kernel)   --no-peers
 *            --no-fast (skip the in-process engine comparison, bench/train/fastpath.ts)
 *
 * Workloads (issue 7):
 *   MNIST-MLP 784-128-10 ReLU/softmax, Adam 1e-3, batch 128, the 10,000 digits nnbook
 *   ships; nnbook through the real node kernel running a `model.fit` cell as
 *   samples/06-mnist-mlp.nnbook teaches (steady epochs timed inside the cell), with the
 *   fast path (default) and with `nn.fast = false` (tfjs's own loop, the "before"); peers
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
import { median } from './median';

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const noCpu = argv.includes('--no-cpu');
const noPeers = argv.includes('--no-peers');
const noFast = argv.includes('--no-fast');
const epochsArg = argv.indexOf('--epochs');
const epochs = epochsArg >= 0 ? Math.max(2, Number(argv[epochsArg + 1]) || 4) : 4;

const log = (s: string) => (json ? process.stderr : process.stdout).write(s + '\n');

interface MnistRun { samplesPerSec: number; samplesPerCpuSec: number | null; epochMs: number[]; loss: number[]; acc: number[]; backend: string; path: string }

/** steady = the epochs after the first (warm-up). */
function mnistRun(r: MnistCellResult): MnistRun {
  const steady = r.epochMs.slice(1);
  const cpu = r.epochCpuMs?.slice(1);
  return {
    samplesPerSec: Math.round(r.samples / (median(steady) / 1000)),
    samplesPerCpuSec: cpu && cpu.length ? Math.round(r.samples / (median(cpu) / 1000)) : null,
    epochMs: r.epochMs.map((x) => Math.round(x)), loss: r.loss.map((x) => +x.toFixed(4)), acc: r.acc.map((x) => +x.toFixed(4)), backend: r.backend,
    path: r.route ? `${r.route.path}${r.route.reason ? ` (${r.route.reason})` : ''}` : 'unknown',
  };
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
      log(`  MNIST model.fit, no chart:         ${plain.samplesPerSec} samples/s (${plain.samplesPerCpuSec} per CPU-s), ${plain.path}, epochs ${plain.epochMs.join(', ')} ms`);
    }
    const live = mnistRun((await k.cell<MnistCellResult>(mnistCell({ epochs: nEpochs, liveChart: true }), 'cell 2')).result);
    log(`  MNIST model.fit + nn.fitCallbacks: ${live.samplesPerSec} samples/s (${live.samplesPerCpuSec} per CPU-s), ${live.path}, epochs ${live.epochMs.join(', ')} ms, loss ${live.loss.join(' → ')}`);
    const tfjs = mnistRun((await k.cell<MnistCellResult>(mnistCell({ epochs: nEpochs, liveChart: true, fast: false }), 'cell 3')).result);
    log(`  same, nn.fast = false:             ${tfjs.samplesPerSec} samples/s (${tfjs.samplesPerCpuSec} per CPU-s), ${tfjs.path}, epochs ${tfjs.epochMs.join(', ')} ms, loss ${tfjs.loss.join(' → ')}`);
    const xor = (await k.cell<XorCellResult>(xorCell(), 'cell 4')).result;
    log(`  XOR: model.fit ${(xor.fitMs / 1000).toFixed(3)} s (${xor.route?.path}, loss ${xor.fitLoss.toFixed(4)}), nn.fast = false ${(xor.tfjsFitMs / 1000).toFixed(3)} s (loss ${xor.tfjsFitLoss.toFixed(4)}), hand-written loop ${(xor.loopMs / 1000).toFixed(3)} s (loss ${xor.loopLoss.toFixed(4)})`);
    return { backend: k.backend, startMs: Math.round(k.startMs), live, plain, tfjs, xor };
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
      log('fast-path engines (runtime/fast/fastFit) against tfjs model.fit, in this process, wasm…');
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
      nnbook_mnist_path: wasm.live.path,
      nnbook_xor_path: wasm.xor.route?.path ?? null,
      nnbook_mnist_samples_per_cpu_s: wasm.live.samplesPerCpuSec,
      nnbook_mnist_no_chart_samples_per_s: wasm.plain?.samplesPerSec ?? null,
      nnbook_tfjs_fit_mnist_samples_per_s: wasm.tfjs.samplesPerSec,
      nnbook_tfjs_fit_mnist_samples_per_cpu_s: wasm.tfjs.samplesPerCpuSec,
      nnbook_tfjs_fit_xor_s: +(wasm.xor.tfjsFitMs / 1000).toFixed(4),
      nnbook_fast_vs_tfjs_fit: ratio(wasm.live.samplesPerSec, wasm.tfjs.samplesPerSec),
      nnbook_xor_loop_s: +(wasm.xor.loopMs / 1000).toFixed(4),
      nnbook_cpu_mnist_samples_per_s: cpu?.live.samplesPerSec ?? null,
      nnbook_cpu_xor_s: cpu ? +(cpu.xor.fitMs / 1000).toFixed(4) : null,
      nnbook_cpu_xor_loop_s: cpu ? +(cpu.xor.loopMs / 1000).toFixed(4) : null,
      inprocess: fast ?? null,
      nnbook_kernel_start_ms: wasm.startMs,
      nnbook_mnist_epoch_ms: wasm.live.epochMs,
      nnbook_mnist_loss: wasm.live.loss,
      nnbook_tfjs_fit_mnist_loss: wasm.tfjs.loss,
      numpy_mnist_last_loss: numpy.ok ? numpy.value.lastLoss : null,
      torch_mnist_train_acc: torch.ok ? torch.value.trainAcc : null,
      peers_skipped: { numpy: numpy.ok ? null : numpy.reason, torch: torch.ok ? null : torch.reason },
      versions: { node: process.version, numpy: numpy.ok ? numpy.value.numpy : null, torch: torch.ok ? torch.value.torch : null, torch_threads: torch.ok ? torch.value.threads : null },
      machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((x) => +x.toFixed(2)) },
    };
    if (json) { process.stdout.write(JSON.stringify(out) + '\n'); return; }

    const rows: [string, number | null, number | null, string][] = [
      [`nnbook node kernel, ${wasm.backend}, model.fit + live chart (default: ${wasm.live.path})`, wasm.live.samplesPerSec, wasm.xor.fitMs / 1000, `XOR via model.fit, ${wasm.xor.route?.path}`],
      [`nnbook node kernel, ${wasm.backend}, model.fit, no chart`, wasm.plain?.samplesPerSec ?? null, wasm.xor.loopMs / 1000, 'XOR via hand-written loop'],
      [`nnbook node kernel, ${wasm.backend}, model.fit + live chart, nn.fast = false (tfjs's loop: before)`, wasm.tfjs.samplesPerSec, wasm.xor.tfjsFitMs / 1000, 'XOR via model.fit, tfjs'],
    ];
    if (cpu) {
      rows.push([`nnbook node kernel, cpu, model.fit + live chart (${cpu.live.path})`, cpu.live.samplesPerSec, cpu.xor.fitMs / 1000, 'XOR via model.fit']);
      rows.push([`nnbook node kernel, cpu, model.fit, nn.fast = false`, cpu.tfjs.samplesPerSec, cpu.xor.tfjsFitMs / 1000, 'XOR via model.fit, tfjs']);
    }
    if (fast) {
      rows.push([`in-process ${fast.backend}: tfjs model.fit`, fast.mnist.tfjs.samplesPerSec, fast.xorS.tfjs, 'XOR via tfjs model.fit']);
      rows.push([`in-process ${fast.backend}: fastFit, host engine (JS + tfjs matMul; the default on wasm)`, fast.mnist.host.samplesPerSec, fast.xorS.fast, `XOR via fastFit, ${fast.xorRoute}`]);
      rows.push([`in-process ${fast.backend}: fastFit, fused-kernels engine (the default on webgl)`, fast.mnist.kernels.samplesPerSec, null, '']);
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
    console.log(`\nMNIST samples per CPU-second of the kernel process: fast path ${fmt(wasm.live.samplesPerCpuSec)}, nn.fast = false ${fmt(wasm.tfjs.samplesPerCpuSec)}`);
    if (fast) {
      console.log(`in-process per CPU-second: tfjs ${fmt(fast.mnist.tfjs.samplesPerCpuSec)}, host ${fmt(fast.mnist.host.samplesPerCpuSec)}, kernels ${fmt(fast.mnist.kernels.samplesPerCpuSec)}`);
      console.log(`in-process losses per epoch: tfjs ${fast.mnist.tfjs.loss.join(' → ')}; host ${fast.mnist.host.loss.join(' → ')}; kernels ${fast.mnist.kernels.loss.join(' → ')}`);
    }
    console.log(`\nnnbook kernel start ${wasm.startMs} ms; MNIST losses per epoch: fast path ${wasm.live.loss.join(' → ')}; nn.fast = false ${wasm.tfjs.loss.join(' → ')}`);
    console.log('\n' + JSON.stringify(out));
  } finally {
    removePeerData(data);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
