/** Cells and workbench gestures for bench/webview/bench.ts. */
import * as vscode from 'vscode';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 100) / 100;
}

/**
 * Declares `fitSpeed(kind)`: trains a fresh model on random data and returns samples/s
 * (after a one-epoch warm-up). xor: 2-16-1, 512 samples, batch 32; mnistMlp: 784-128-10,
 * 2048 samples, batch 64 — the shapes of the samples' XOR and MNIST-MLP chapters.
 */
export const FIT_SETUP = `async function fitSpeed(kind: 'xor' | 'mnistMlp'): Promise<number> {
  const c = kind === 'xor'
    ? { inputs: 2, hidden: 16, outputs: 1, n: 512, batch: 32, epochs: 5 }
    : { inputs: 784, hidden: 128, outputs: 10, n: 2048, batch: 64, epochs: 2 };
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: c.hidden, inputShape: [c.inputs], activation: kind === 'xor' ? 'tanh' : 'relu' }));
  model.add(tf.layers.dense({ units: c.outputs, activation: c.outputs > 1 ? 'softmax' : 'sigmoid' }));
  model.compile({ optimizer: 'adam', loss: c.outputs > 1 ? 'categoricalCrossentropy' : 'binaryCrossentropy' });
  const xs = tf.randomNormal([c.n, c.inputs]);
  const ys = c.outputs > 1
    ? tf.oneHot(tf.randomUniform([c.n], 0, c.outputs, 'int32'), c.outputs).toFloat()
    : tf.randomUniform([c.n, 1]).round();
  await model.fit(xs, ys, { epochs: 1, batchSize: c.batch });
  const t0 = performance.now();
  await model.fit(xs, ys, { epochs: c.epochs, batchSize: c.batch });
  const s = (performance.now() - t0) / 1000;
  xs.dispose(); ys.dispose(); model.dispose();
  return Math.round((c.n * c.epochs) / s);
}`;

export const fitCell = (kind: 'xor' | 'mnistMlp') => `await fitSpeed('${kind}')`;

/**
 * Yields per second inside the Worker for 1 s each: the Worker's native
 * requestAnimationFrame (kept by runtime/web/replaceAnimationFrame, which replaced it), setTimeout 0,
 * a MessageChannel, and tf.nextFrame (what model.fit awaits). A yield that does not come
 * within 2 s ends its measurement.
 */
export const YIELD_RATES = `await (async () => {
  const rate = async (once: (done: () => void) => void) => {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 1000) {
      const ok = await Promise.race([new Promise<boolean>((r) => once(() => r(true))), new Promise<boolean>((r) => setTimeout(() => r(false), 2000))]);
      if (!ok) break;
      n++;
    }
    return Math.round(n / ((performance.now() - t0) / 1000));
  };
  const native = (globalThis as any)[Symbol.for('nnbook.nativeRequestAnimationFrame')];
  const raf = typeof native === 'function' ? (r: () => void) => native.call(globalThis, r) : undefined;
  const ch = new MessageChannel();
  const q: Array<() => void> = [];
  ch.port1.onmessage = () => q.shift()?.();
  return JSON.stringify({
    nativeRaf: raf ? await rate(raf) : null,
    setTimeout0: await rate((r) => setTimeout(r, 0)),
    messageChannel: await rate((r) => { q.push(r); ch.port2.postMessage(0); }),
    tfNextFrame: await rate((r) => { tf.nextFrame().then(r); }),
  });
})()`;

function kernelTab(): { tab: vscode.Tab; group: vscode.TabGroup } | undefined {
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('nnbook.kernel')) return { tab, group };
    }
  }
  return undefined;
}

/** Hides the kernel panel behind a text editor in its own group; `restore` closes that editor. */
export async function hiddenPanel(): Promise<{ panelVisible: boolean; restore: () => Promise<void> }> {
  const found = kernelTab();
  if (!found) throw new Error('no kernel panel tab');
  // empty untitled plain text: no language server wakes up (CPU that would skew the
  // comparison), and an empty untitled editor closes without a save prompt
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
  await vscode.window.showTextDocument(doc, { viewColumn: found.group.viewColumn, preserveFocus: true, preview: false });
  await new Promise((r) => setTimeout(r, 1000));
  const panelVisible = kernelTab()?.tab.isActive ?? false;
  return {
    panelVisible,
    restore: async () => {
      for (const group of vscode.window.tabGroups.all) {
        for (const tab of group.tabs) {
          if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === doc.uri.toString()) await vscode.window.tabGroups.close(tab, true);
        }
      }
      await new Promise((r) => setTimeout(r, 1000));
    },
  };
}
