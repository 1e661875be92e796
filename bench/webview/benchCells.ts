/** Cells and workbench gestures for bench/webview/bench.ts (the training workloads: workloadCells.ts). */
import * as vscode from 'vscode';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.floor(s.length / 2)] * 100) / 100;
}

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

/** Resolves once `ready()` holds, checked at each tab change; rejects after `timeoutMs`. */
function tabsSettle(ready: () => boolean, what: string, timeoutMs = 10000): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!ready()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/**
 * Hides the kernel panel behind an empty text editor opened in the panel's own group
 * (as a student does by opening a file there); `restore` closes that editor, which shows
 * the panel again. Both wait for the tab change to happen, not for a fixed time.
 */
export async function hiddenPanel(): Promise<{ restore: () => Promise<void> }> {
  const found = kernelTab();
  if (!found) throw new Error('no kernel panel tab');
  // empty untitled plain text: no language server wakes up (CPU that would skew the
  // comparison), and an empty untitled editor closes without a save prompt
  const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' });
  await vscode.window.showTextDocument(doc, { viewColumn: found.group.viewColumn, preserveFocus: true, preview: false });
  await tabsSettle(() => kernelTab()?.tab.isActive === false, 'the kernel panel to be hidden');
  return {
    restore: async () => {
      for (const group of vscode.window.tabGroups.all) {
        for (const tab of group.tabs) {
          if (tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === doc.uri.toString()) await vscode.window.tabGroups.close(tab, true);
        }
      }
      await tabsSettle(() => kernelTab()?.tab.isActive === true, 'the kernel panel to show again');
    },
  };
}
