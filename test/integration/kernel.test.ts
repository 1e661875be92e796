import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  allText,
  closeActiveEditor,
  errorOf,
  execute,
  items,
  MIME_ERROR,
  MIME_STDOUT,
  MIME_TEXT,
  openFreshNotebook,
  say,
  startExecution,
  trackExecution,
  waitFor,
  waitForOutput,
} from './helpers';

const mimes = (c: vscode.NotebookCell) => items(c).map((i) => i.mime);
const finishedCell = (c: vscode.NotebookCell) => c.executionSummary?.success === true || c.executionSummary?.success === false;

/** Cancels whatever runs in `nb`, then waits until `index` has finished; returns ms from cancel to end. */
async function interrupt(nb: vscode.NotebookDocument, index: number, run: Thenable<unknown>): Promise<number> {
  const t0 = Date.now();
  await vscode.commands.executeCommand('notebook.cancelExecution', nb.uri);
  const tracker = trackExecution(nb, [index]);
  try {
    await waitFor(nb, () => {
      const s = nb.cellAt(index).executionSummary;
      return s?.success === true || s?.success === false;
    }, `cell ${index} to end after notebook.cancelExecution`, 30_000, Promise.resolve(run));
  } finally {
    tracker.dispose();
  }
  return Date.now() - t0;
}

export function registerKernelSuite(): void {
  suite('node kernel (nnbook-node)', () => {
    teardown(async () => {
      // never leave a runaway cell behind, then close without a save prompt
      await vscode.commands.executeCommand('notebook.cancelExecution').then(undefined, () => undefined);
      await closeActiveEditor();
    });

    test('notebook.execute runs every cell: console.log → stdout, final expression → text/plain, throw → error', async () => {
      const nb = await openFreshNotebook('mimes', [
        "console.log('hello from cell 1');\nconsole.log(1 + 1);",
        'const n: number = 6;\nn * 7',
        "const before = 1;\n// the next line throws\nthrow new Error('boom on line 3');",
      ]);
      await execute(nb);
      const [c0, c1, c2] = nb.getCells();

      assert.deepStrictEqual(mimes(c0).filter((m) => m !== MIME_STDOUT), [], `cell 1 mimes: ${mimes(c0)}`);
      assert.strictEqual(allText(c0, MIME_STDOUT), 'hello from cell 1\n2\n');
      assert.strictEqual(c0.executionSummary?.success, true);

      assert.deepStrictEqual(mimes(c1), [MIME_TEXT]);
      assert.strictEqual(allText(c1, MIME_TEXT), '42');
      assert.strictEqual(c1.executionSummary?.success, true);

      assert.ok(mimes(c2).includes(MIME_ERROR), `cell 3 has no error output: ${mimes(c2)}`);
      const err = errorOf(c2)!;
      assert.strictEqual(err.name, 'Error');
      assert.strictEqual(err.message, 'boom on line 3');
      assert.match(String(err.stack), /:3:\d+/, `the stack does not point at line 3 of the cell:\n${err.stack}`);
      assert.strictEqual(c2.executionSummary?.success, false);
    });

    test('state is kept between cells (const a = 2; a * 21 → 42)', async () => {
      const nb = await openFreshNotebook('state', ['const a = 2', 'a * 21']);
      await execute(nb);
      assert.strictEqual(allText(nb.cellAt(1), MIME_TEXT), '42');
      assert.deepStrictEqual(nb.getCells().map((c) => c.executionSummary?.success), [true, true]);
    });

    test('console output streams while the cell is still running', async () => {
      const nb = await openFreshNotebook('stream', [
        "console.log('first');\nawait new Promise((r) => setTimeout(r, 2000));\nconsole.log('second');",
      ]);
      const cell = nb.cellAt(0);
      const tracker = trackExecution(nb, [0]);
      try {
        const run = startExecution(nb, [0]);
        await waitForOutput(cell, /first/, "'first' on stdout", 60_000, MIME_STDOUT, Promise.resolve(run));
        assert.ok(!/second/.test(allText(cell)), 'second already printed: output was not streamed');
        assert.ok(!tracker.isDone(0), 'the cell had already finished when its first line appeared');
        await waitFor(nb, tracker.allDone, 'the cell to finish', 60_000);
      } finally {
        tracker.dispose();
      }
      assert.strictEqual(allText(cell, MIME_STDOUT), 'first\nsecond\n');
    });

    test('execution order numbers are 1, 2, 3, … in run order', async () => {
      const nb = await openFreshNotebook('order', ['1', '2', '3']);
      const orders = () => nb.getCells().map((c) => c.executionSummary?.executionOrder);
      await execute(nb);
      assert.deepStrictEqual(orders(), [1, 2, 3]);
      await execute(nb, [0]);
      assert.deepStrictEqual(orders(), [4, 2, 3]);
      await execute(nb, [2]);
      assert.deepStrictEqual(orders(), [4, 2, 5]);
      assert.deepStrictEqual(nb.getCells().map((c) => allText(c, MIME_TEXT)), ['1', '2', '3']);
    });

    test('interrupting a busy loop (while (true) {}) is forced, and the output says so', async () => {
      const nb = await openFreshNotebook('busy', ["'warm'", "console.log('spinning');\nwhile (true) {}"]);
      await execute(nb, [0]); // the kernel is up before the loop is queued
      const cell = nb.cellAt(1);
      const run = startExecution(nb, [1]);
      // the loop is running once its first line is out
      await waitForOutput(cell, /spinning/, "'spinning' on stdout (console output flushed before a synchronous loop)", 60_000, MIME_STDOUT, Promise.resolve(run));
      const ms = await interrupt(nb, 1, run);
      const text = allText(cell);
      say(`      busy loop outputs after the interrupt: ${JSON.stringify(text)}`);
      assert.notStrictEqual(cell.executionSummary?.success, true, 'an interrupted cell reported success');
      assert.match(text, /forc|terminat|kill/i, `outputs do not say the interrupt was forced:\n${text}`);
      assert.doesNotMatch(text, /cooperativ/i, `outputs call a forced interrupt cooperative:\n${text}`);
      say(`      forced interrupt took ${ms} ms`);
    });

    test('interrupting a pending await is cooperative, keeps state, and the output says so', async () => {
      const nb = await openFreshNotebook('await', [
        "const keep = 'kept';",
        "console.log('waiting');\nawait new Promise((r) => setTimeout(r, 60000));\nconsole.log('not reached');",
        'keep',
      ]);
      await execute(nb, [0]);
      const cell = nb.cellAt(1);
      const run = startExecution(nb, [1]);
      await waitForOutput(cell, /waiting/, "'waiting' on stdout", 60_000, undefined, Promise.resolve(run));
      const ms = await interrupt(nb, 1, run);
      const text = allText(cell);
      assert.ok(ms < 30_000, `the interrupt took ${ms} ms`);
      assert.notStrictEqual(cell.executionSummary?.success, true, 'an interrupted cell reported success');
      assert.doesNotMatch(text, /not reached/);
      assert.match(text, /cooperativ/i, `outputs do not say the interrupt was cooperative:\n${text}`);
      await execute(nb, [2]);
      assert.match(allText(nb.cellAt(2), MIME_TEXT), /kept/, 'state was lost by a cooperative interrupt');
      say(`      cooperative interrupt took ${ms} ms`);
    });

    test('nnbook.restartKernel clears state (reading a afterwards is a ReferenceError)', async () => {
      const nb = await openFreshNotebook('restart', ['const a = 2', 'a']);
      await execute(nb);
      assert.strictEqual(allText(nb.cellAt(1), MIME_TEXT), '2');
      await vscode.commands.executeCommand('nnbook.restartKernel');
      await execute(nb, [1]);
      const err = errorOf(nb.cellAt(1));
      assert.ok(err, `no error output after restart; outputs: ${mimes(nb.cellAt(1))} ${allText(nb.cellAt(1))}`);
      assert.strictEqual(err.name, 'ReferenceError', `error: ${JSON.stringify(err)}`);
      assert.match(String(err.message), /\ba\b/);
      assert.strictEqual(nb.cellAt(1).executionSummary?.success, false);
    });
  });
}
