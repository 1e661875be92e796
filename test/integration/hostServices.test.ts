/**
 * Host services in a real VS Code: `nn.files` and `nnbook://` models in both kernels,
 * resolved against the workspace folder by the extension host, and the webview kernel
 * cancelling a cell interrupted while its panel is still starting.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  allText,
  closeActiveEditor,
  EXTENSION_ID,
  errorOf,
  execute,
  freshName,
  MIME_TEXT,
  openFreshNotebook,
  readText,
  say,
  startExecution,
  waitFor,
  writeNotebookFile,
  wsFile,
  wsRoot,
} from './helpers';

const text = (nb: vscode.NotebookDocument, i: number) => allText(nb.cellAt(i), MIME_TEXT);

async function openOnWebviewKernel(stem: string, sources: string[]): Promise<vscode.NotebookDocument> {
  const uri = await writeNotebookFile(freshName(stem), sources.map((source) => ({ source })));
  const nb = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: 'nnbook-webview', extension: EXTENSION_ID });
  return nb;
}

/** Open kernel panels (webview tabs of our view type). */
function kernelPanels(): number {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('nnbook.kernel')).length;
}

/** Resolves when more than `before` kernel panels are open (on tab change events). */
function panelOpened(before: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error('no kernel panel opened within 60 s')); }, 60_000);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (kernelPanels() > before) { clearTimeout(timer); sub.dispose(); resolve(); }
    });
  });
}

const XS = 'tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]])';
const PREDICT = `Array.from(tf.tidy(() => (model.predict(${XS}) as tf.Tensor).dataSync())).map((v) => v.toFixed(5)).join(' ')`;

export function registerHostServicesSuite(): void {
  suite('host services (nn.files, nnbook:// models)', () => {
    suiteSetup(async () => {
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });
    teardown(async () => {
      await vscode.commands.executeCommand('notebook.cancelExecution').then(undefined, () => undefined);
      await closeActiveEditor();
    });

    test('a model saved by the node kernel loads in the webview kernel; files go both ways; outside is refused', async () => {
      const folder = `models/int-${process.pid}-${Date.now().toString(36)}`;
      const node = await openFreshNotebook('host-node', [
        `nn.seed(3);
const model = tf.sequential({ layers: [tf.layers.dense({ units: 6, inputShape: [2], activation: 'tanh' }), tf.layers.dense({ units: 1, activation: 'sigmoid' })] });
model.compile({ optimizer: tf.train.adam(0.05), loss: 'binaryCrossentropy' });
await model.fit(${XS}, tf.tensor2d([[0], [1], [1], [0]]), { epochs: 20, verbose: 0 });
await model.save('nnbook://${folder}');
await nn.files.write('${folder}/from-node.csv', 'a,b\\n1,2\\n3,4\\n');`,
        PREDICT,
        "await nn.files.read('../outside.txt')",
      ]);
      await execute(node, undefined, 120_000);
      const expected = text(node, 1);
      assert.match(expected, /^'[\d. ]+'$/, `node predictions: ${expected}`);
      const refusal = errorOf(node.cellAt(2));
      assert.strictEqual(refusal?.message, `nn.files.read: '../outside.txt' is outside the workspace folder ${wsRoot().fsPath}; nn.files reads and writes only inside it`);
      assert.match(await readText(wsFile(`${folder}/model.json`)), /"weightsManifest"/);
      await closeActiveEditor();

      const web = await openOnWebviewKernel('host-web', [
        `const model = await tf.loadLayersModel('nnbook://${folder}');`,
        PREDICT,
        `const ds = await nn.files.csv('${folder}/from-node.csv');
(await ds.toArray()).map((r: any) => r.a + r.b).join(',')`,
        `await nn.files.write('${folder}/from-web.bin', new Uint8Array([1, 2, 250]));
Array.from(await nn.files.readBytes('${folder}/from-web.bin')).join(',')`,
        "await nn.files.write('/etc/nnbook-planted', 'x')",
      ]);
      await execute(web, undefined, 180_000);
      say(`      node predicted ${expected}, webview (${text(web, 1) === expected ? 'same' : 'DIFFERENT'})`);
      assert.strictEqual(text(web, 1), expected, 'the webview kernel predicts what the node kernel did');
      assert.strictEqual(text(web, 2), "'3,7'");
      assert.strictEqual(text(web, 3), "'1,2,250'", 'bytes survive the webview transport both ways');
      assert.deepStrictEqual(Array.from(await vscode.workspace.fs.readFile(wsFile(`${folder}/from-web.bin`))), [1, 2, 250]);
      assert.match(errorOf(web.cellAt(4))?.message ?? '', /^nn\.files\.write: '\/etc\/nnbook-planted' is outside the workspace folder /);
    });

    test('webview kernel: an interrupt while its panel is still starting cancels the cell; the next one runs', async () => {
      const nb = await openOnWebviewKernel('host-starting', ["console.log('ran');\nwhile (true) {}", '6 * 7']);
      const panelsBefore = kernelPanels();
      const opened = panelOpened(panelsBefore);
      const t0 = Date.now();
      const run = Promise.resolve(startExecution(nb, [0]));
      // The panel opens as the cell is handed to the kernel; its Worker and tfjs take seconds more.
      await opened;
      const tOpened = Date.now() - t0;
      await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
      await waitFor(nb, () => nb.cellAt(0).executionSummary?.success === false, 'cell 1 to end interrupted', 60_000, run);
      const out = allText(nb.cellAt(0));
      say(`      panel opened after ${tOpened} ms; cancelled cell ended after ${Date.now() - t0} ms`);
      assert.match(out, /Interrupted \(cooperative\)/, `the cell was not cancelled before it was sent:\n${out}`);
      assert.doesNotMatch(out, /ran/, 'the cell ran');
      await execute(nb, [1], 120_000);
      assert.strictEqual(text(nb, 1), '42');
    });

    test('webview kernel: a loop that never awaits is reported not responding under the cell; a busy cell that awaits is not', async () => {
      const nb = await openOnWebviewKernel('host-hung', [
        "const end = performance.now() + 12_000;\nwhile (performance.now() < end) { const t = performance.now() + 20; while (performance.now() < t) {} await Promise.resolve(); }\n'busy but fine'",
        "console.log('spinning');\nwhile (true) {}",
        '1 + 1',
      ]);
      await execute(nb, [0], 120_000);
      assert.strictEqual(text(nb, 0), "'busy but fine'");
      assert.doesNotMatch(allText(nb.cellAt(0)), /not responded/, 'a cell that awaits was reported not responding');
      const run = Promise.resolve(startExecution(nb, [1]));
      const t0 = Date.now();
      await waitFor(nb, () => /has not responded for \d+ s/.test(allText(nb.cellAt(1))), 'the not-responding note under cell 2', 60_000, run);
      say(`      not responding reported ${Date.now() - t0} ms after the cell started`);
      await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
      await waitFor(nb, () => nb.cellAt(1).executionSummary?.success === false, 'cell 2 to end', 60_000, run);
      assert.match(allText(nb.cellAt(1)), /Interrupted \(forced\)/);
      await execute(nb, [2], 120_000);
      assert.strictEqual(text(nb, 2), '2');
    });
  });
}
