/**
 * The webview kernel (controller `nnbook-webview`) inside a real VS Code: cells run in a
 * Worker inside the kernel's webview panel, on the backend `nnbook.kernel.backend` names.
 * In headless Chromium WebGL is SwiftShader (software), so 'webgl' must still give WebGL
 * and 'auto' must prefer WASM there.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  allText,
  closeActiveEditor,
  EXTENSION_ID,
  errorOf,
  execute,
  MIME_STDOUT,
  MIME_TEXT,
  say,
  startExecution,
  trackExecution,
  waitFor,
  waitForOutput,
  freshName,
  writeNotebookFile,
} from './helpers';

const WEBVIEW_CONTROLLER_ID = 'nnbook-webview';
type Backend = 'auto' | 'webgl' | 'wasm' | 'cpu';

/**
 * Sets `nnbook.kernel.backend` in the user settings. Right after the workbench starts the
 * setting may not be registered yet ("not a registered configuration"): retried for a while.
 */
async function setBackend(value: Backend | undefined): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await vscode.workspace.getConfiguration('nnbook').update('kernel.backend', value, vscode.ConfigurationTarget.Global);
      return;
    } catch (err) {
      if (Date.now() > deadline || !/not a registered configuration/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** A fresh notebook of code cells, open, on the webview kernel (a new kernel: it reads the backend setting now). */
async function openWebviewNotebook(stem: string, sources: string[]): Promise<vscode.NotebookDocument> {
  const uri = await writeNotebookFile(freshName(stem), sources.map((source) => ({ source })));
  const nb = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: WEBVIEW_CONTROLLER_ID, extension: EXTENSION_ID });
  return nb;
}

/** Open kernel panels (webview tabs of our view type). */
function kernelPanels(): number {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('nnbook.kernel')).length;
}

/** Cancels what runs in `nb` and waits until cell `index` has ended; returns the ms it took. */
async function interrupt(nb: vscode.NotebookDocument, index: number, run: Thenable<unknown>): Promise<number> {
  const t0 = Date.now();
  await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
  await waitFor(nb, () => {
    const s = nb.cellAt(index).executionSummary;
    return s?.success === true || s?.success === false;
  }, `cell ${index} to end after notebook.cancelExecution`, 30_000, Promise.resolve(run));
  return Date.now() - t0;
}

/** Runs one cell until `marker` is on its stdout, then interrupts it; returns the cell's text and the ms. */
async function runThenInterrupt(nb: vscode.NotebookDocument, index: number, marker: RegExp): Promise<{ text: string; ms: number }> {
  const cell = nb.cellAt(index);
  const tracker = trackExecution(nb, [index]);
  try {
    const run = startExecution(nb, [index]);
    await waitForOutput(cell, marker, `${marker} on stdout`, 90_000, MIME_STDOUT, Promise.resolve(run));
    const ms = await interrupt(nb, index, run);
    return { text: allText(cell), ms };
  } finally {
    tracker.dispose();
  }
}

const text = (nb: vscode.NotebookDocument, i: number) => allText(nb.cellAt(i), MIME_TEXT);

/** A cell that reads the WebGL renderer inside the kernel worker (no tfjs involved). */
const RENDERER_CELL = `const probe = new OffscreenCanvas(1, 1).getContext('webgl2');
const info = probe && probe.getExtension('WEBGL_debug_renderer_info');
probe ? String(probe.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : probe.RENDERER)) : 'none'`;

const MODEL_CELL = `const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, inputShape: [2], activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
const xs = tf.randomNormal([512, 2]);
const ys = tf.randomNormal([512, 1]);`;

const FIT_CELL = `console.log('training');
let batches = 0;
await model.fit(xs, ys, { epochs: 100000, batchSize: 32, callbacks: { onBatchEnd: async () => { if (++batches === 20) console.log('20 batches'); } } });
'finished'`;

export function registerWebviewKernelSuite(): void {
  suite('webview kernel (nnbook-webview)', () => {
    suiteSetup(async () => {
      await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    });
    suiteTeardown(async () => {
      await setBackend(undefined);
    });
    teardown(async () => {
      await vscode.commands.executeCommand('notebook.cancelExecution').then(undefined, () => undefined);
      await closeActiveEditor();
    });

    test("backend 'webgl': tf.getBackend() is webgl, state is kept, an error maps to its cell line", async () => {
      await setBackend('webgl');
      const nb = await openWebviewNotebook('wv-webgl', [
        'tf.getBackend()',
        RENDERER_CELL,
        'const a = 2;',
        'a * 21',
        "const before = 1;\n// the next line throws\nthrow new Error('boom on line 3');",
        'tf.tidy(() => tf.tensor([1, 2, 3]).mul(2).arraySync())',
      ]);
      await execute(nb, undefined, 120_000);
      say(`      webgl renderer in the kernel worker: ${text(nb, 1)}`);
      assert.match(text(nb, 0), /webgl/, `tf.getBackend(): ${text(nb, 0)}`);
      assert.strictEqual(text(nb, 3), '42');
      assert.match(text(nb, 5), /2,\s*4,\s*6/);
      const err = errorOf(nb.cellAt(4));
      assert.ok(err, 'cell 5 has no error output');
      assert.strictEqual(err.message, 'boom on line 3');
      assert.match(String(err.stack), /cell 5:3:\d+/, `the stack does not point at line 3 of cell 5:\n${err.stack}`);
      assert.deepStrictEqual(nb.getCells().map((c) => c.executionSummary?.success), [true, true, true, true, false, true]);
    });

    test('history, name, location, process and self are kernel bindings, not the page\'s globals', async () => {
      await setBackend('auto');
      const nb = await openWebviewNotebook('wv-names', [
        "const history = { loss: [1] };\nconst name = 'n';\nconst location = 3;\nconst process = 4;\nconst self = 5;",
        '[history.loss[0], name, location, process, self].join(",")',
        'tf.add(1, 2).dataSync()[0]',
      ]);
      await execute(nb, undefined, 120_000);
      assert.strictEqual(text(nb, 1), "'1,n,3,4,5'");
      assert.strictEqual(text(nb, 2), '3', 'the kernel still works after those names were declared');
    });

    test("backend 'auto': WASM on software WebGL (SwiftShader), WebGL on a GPU", async () => {
      await setBackend('auto');
      const nb = await openWebviewNotebook('wv-auto', ['tf.getBackend()', RENDERER_CELL]);
      await execute(nb, undefined, 120_000);
      const renderer = text(nb, 1);
      const software = /swiftshader|llvmpipe|softpipe|software/i.test(renderer);
      say(`      auto chose ${text(nb, 0)} with renderer ${renderer}`);
      assert.match(text(nb, 0), software ? /wasm/ : /webgl/, `auto chose ${text(nb, 0)} on ${renderer}`);
    });

    test('interrupting while (true) {} terminates the Worker (forced), the panel stays, a later cell runs', async () => {
      await setBackend('auto');
      const nb = await openWebviewNotebook('wv-busy', ["const kept = 'before';", "console.log('spinning');\nwhile (true) {}", '1 + 1', 'kept']);
      await execute(nb, [0]);
      const panels = kernelPanels();
      assert.ok(panels >= 1, 'no kernel panel is open');
      const { text: out, ms } = await runThenInterrupt(nb, 1, /spinning/);
      say(`      forced interrupt took ${ms} ms`);
      assert.notStrictEqual(nb.cellAt(1).executionSummary?.success, true);
      assert.match(out, /forc|terminat|restart/i, `outputs do not say the interrupt was forced:\n${out}`);
      assert.doesNotMatch(out, /cooperativ/i);
      assert.strictEqual(kernelPanels(), panels, 'the kernel panel closed');
      await execute(nb, [2, 3]);
      assert.strictEqual(text(nb, 2), '2', 'a cell after the forced interrupt did not run');
      assert.strictEqual(errorOf(nb.cellAt(3))?.name, 'ReferenceError', 'state survived a forced interrupt');
    });

    for (const backend of ['webgl', 'wasm'] as const) {
      test(`interrupting model.fit on ${backend} is cooperative and the model stays usable`, async () => {
        await setBackend(backend);
        const nb = await openWebviewNotebook(`wv-fit-${backend}`, [MODEL_CELL, FIT_CELL, 'model.predict(tf.ones([3, 2])).shape', 'tf.getBackend()']);
        await execute(nb, [0]);
        const { text: out, ms } = await runThenInterrupt(nb, 1, /20 batches/);
        say(`      cooperative interrupt of model.fit on ${backend} took ${ms} ms`);
        assert.match(out, /cooperativ/i, `outputs do not say the interrupt was cooperative:\n${out}`);
        assert.doesNotMatch(out, /finished/);
        await execute(nb, [2, 3]);
        assert.match(text(nb, 2), /3,\s*1/, `model.predict after the interrupt: ${text(nb, 2)}`);
        assert.match(text(nb, 3), new RegExp(backend));
      });
    }

    test('interrupting a hand-written loop of awaits (model.trainOnBatch) on wasm is cooperative', async () => {
      await setBackend('wasm');
      const nb = await openWebviewNotebook('wv-loop', [MODEL_CELL, "console.log('looping');\nlet steps = 0;\nwhile (true) { await model.trainOnBatch(xs, ys); if (++steps === 20) console.log('20 steps'); }", 'model.predict(tf.ones([3, 2])).shape']);
      await execute(nb, [0]);
      const { text: out, ms } = await runThenInterrupt(nb, 1, /20 steps/);
      say(`      interrupt of a trainOnBatch loop on wasm took ${ms} ms: ${out.includes('cooperativ') ? 'cooperative' : 'forced'}`);
      assert.match(out, /cooperativ/i, `outputs do not say the interrupt was cooperative:\n${out}`);
      await execute(nb, [2]);
      assert.match(text(nb, 2), /3,\s*1/);
    });

    test("await nn.backend('wasm') switches from webgl, and a model made before still predicts", async () => {
      await setBackend('webgl');
      const nb = await openWebviewNotebook('wv-switch', [MODEL_CELL, "await nn.backend('wasm')", 'tf.getBackend()', 'model.predict(xs).shape']);
      await execute(nb, undefined, 120_000);
      say(`      nn.backend('wasm') said ${text(nb, 1)}`);
      assert.match(text(nb, 1), /^'?wasm/, `nn.backend result: ${text(nb, 1)}`);
      assert.match(text(nb, 2), /wasm/);
      assert.match(text(nb, 3), /512,\s*1/);
    });

    test('nnbook.restartKernel clears state and keeps the panel', async () => {
      await setBackend('auto');
      const nb = await openWebviewNotebook('wv-restart', ['const a = 2', 'a']);
      await execute(nb);
      assert.strictEqual(text(nb, 1), '2');
      const panels = kernelPanels();
      await vscode.commands.executeCommand('nnbook.restartKernel', nb.uri);
      await execute(nb, [1]);
      assert.strictEqual(errorOf(nb.cellAt(1))?.name, 'ReferenceError');
      assert.strictEqual(kernelPanels(), panels, 'the kernel panel closed on restart');
    });
  });
}
