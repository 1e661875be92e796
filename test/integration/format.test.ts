import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  closeAllNotebookEditors,
  decodeItem,
  freshName,
  MIME_STDOUT,
  MIME_TEXT,
  NOTEBOOK_TYPE,
  readBytes,
  readText,
  waitFor,
  wsFile,
} from './helpers';

interface FileCell {
  kind: string;
  language: string;
  source: string | string[];
  outputs?: Array<{ items: Array<{ mime: string; data: unknown }> }>;
  [k: string]: unknown;
}
interface FileNotebook {
  nnbook: number;
  metadata: Record<string, unknown>;
  cells: FileCell[];
  [k: string]: unknown;
}

const joinSource = (s: string | string[]) => (Array.isArray(s) ? s.join('') : s);

async function copyFixture(fixture: string, stem: string): Promise<vscode.Uri> {
  const target = wsFile(freshName(stem));
  await vscode.workspace.fs.copy(wsFile(fixture), target, { overwrite: true });
  return target;
}

export function registerFormatSuite(): void {
  suite('.nnbook format through VS Code', () => {
    // Closing a notebook editor moments after it opened makes the next showNotebookDocument
    // stall ~30 s in code-server 4.100 (measured); so these editors stay open until the end.
    suiteTeardown(closeAllNotebookEditors);

    test('opening a .nnbook gives its cells: count, kinds, languages, sources, saved outputs', async () => {
      const nb = await vscode.workspace.openNotebookDocument(wsFile('cells.nnbook'));
      await vscode.window.showNotebookDocument(nb);
      assert.strictEqual(nb.notebookType, NOTEBOOK_TYPE);
      assert.strictEqual(nb.cellCount, 3);
      assert.deepStrictEqual(
        nb.getCells().map((c) => [c.kind, c.document.languageId]),
        [
          [vscode.NotebookCellKind.Markup, 'markdown'],
          [vscode.NotebookCellKind.Code, 'typescript'],
          [vscode.NotebookCellKind.Code, 'typescript'],
        ],
      );
      assert.deepStrictEqual(
        nb.getCells().map((c) => c.document.getText()),
        ['# A title\n\nSome *markdown*.', 'const xs: number[] = [1, 2, 3];\nconsole.log(xs.length);', 'xs.reduce((a, b) => a + b, 0)'],
      );
      assert.strictEqual(nb.metadata.title ?? (nb.metadata as any).metadata?.title, 'fixture: cells', `metadata: ${JSON.stringify(nb.metadata)}`);
      // saved outputs come back with their mime and bytes
      assert.deepStrictEqual(
        nb.cellAt(1).outputs.flatMap((o) => o.items.map((i) => [i.mime, decodeItem(i)])),
        [[MIME_STDOUT, '3\n']],
      );
      assert.deepStrictEqual(
        nb.cellAt(2).outputs.flatMap((o) => o.items.map((i) => [i.mime, decodeItem(i)])),
        [[MIME_TEXT, '6']],
      );
      assert.strictEqual(nb.cellAt(0).outputs.length, 0);
    });

    test('edits (WorkspaceEdit + NotebookEdit) save back through the serializer', async () => {
      const uri = await copyFixture('cells.nnbook', 'roundtrip');
      const nb = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(nb);

      const edit = new vscode.WorkspaceEdit();
      const doc1 = nb.cellAt(1).document;
      edit.replace(doc1.uri, new vscode.Range(0, 0, doc1.lineCount, 0), 'const ys: number[] = [4, 5];\nconsole.log(ys);\n');
      edit.set(nb.uri, [
        vscode.NotebookEdit.insertCells(3, [
          new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'let z = 1;\nz += 41;\nz', 'typescript'),
          new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '## added\n', 'markdown'),
        ]),
      ]);
      const changed = waitFor(nb, () => nb.cellCount === 5 && nb.cellAt(1).document.getText().startsWith('const ys'), 'the edit to apply');
      assert.strictEqual(await vscode.workspace.applyEdit(edit), true, 'applyEdit returned false');
      await changed;

      assert.strictEqual(nb.isDirty, true, 'the edited notebook is not dirty');
      assert.strictEqual(await nb.save(), true, 'save() returned false');
      assert.strictEqual(nb.isDirty, false);

      const text = await readText(uri);
      assert.ok(text.startsWith('{\n  "nnbook": 1'), `file does not start with 2-space-indented {"nnbook": 1: ${JSON.stringify(text.slice(0, 40))}`);
      const file = JSON.parse(text) as FileNotebook;
      assert.strictEqual(file.nnbook, 1);
      assert.strictEqual(file.metadata.title, 'fixture: cells');
      assert.deepStrictEqual(
        file.cells.map((c) => [c.kind, c.language, joinSource(c.source)]),
        [
          ['markdown', 'markdown', '# A title\n\nSome *markdown*.'],
          ['code', 'typescript', 'const ys: number[] = [4, 5];\nconsole.log(ys);\n'],
          ['code', 'typescript', 'xs.reduce((a, b) => a + b, 0)'],
          ['code', 'typescript', 'let z = 1;\nz += 41;\nz'],
          ['markdown', 'markdown', '## added\n'],
        ],
      );
      assert.deepStrictEqual(file.cells[3].source, ['let z = 1;\n', 'z += 41;\n', 'z'], 'source is not stored as an array of lines');
      // the saved output of the untouched cell is still there
      assert.deepStrictEqual(file.cells[2].outputs?.flatMap((o) => o.items.map((i) => [i.mime, i.data])), [[MIME_TEXT, '6']]);
      // unknown fields survive (DESIGN: "unknown fields preserved")
      assert.strictEqual(file['x-note'], 'unknown top-level fields survive a save');
      assert.strictEqual(file.cells[1]['x-cell-note'], 'unknown cell fields survive a save');

      // read back: a copy of the saved bytes opens to the same cells
      const again = await vscode.workspace.openNotebookDocument(await copyFixture(uri.path.split('/').pop()!, 'reread'));
      assert.deepStrictEqual(
        again.getCells().map((c) => [c.kind, c.document.languageId, c.document.getText()]),
        nb.getCells().map((c) => [c.kind, c.document.languageId, c.document.getText()]),
      );
    });

    test('a malformed file fails to open with a message naming the position; its bytes are unchanged', async () => {
      const uri = wsFile('broken.nnbook');
      const before = Buffer.from(await readBytes(uri));
      let error: unknown;
      try {
        await vscode.workspace.openNotebookDocument(uri);
      } catch (e) {
        error = e;
      }
      assert.ok(error, 'openNotebookDocument resolved for a file that is not valid JSON');
      const message = String((error as Error).message ?? error);
      // line 5 holds the stray comma (see fixtures/ws/broken.nnbook)
      assert.match(message, /line 5\b/, `message does not name line 5: ${message}`);
      assert.match(message, /column \d+/, `message does not name a column: ${message}`);
      const after = Buffer.from(await readBytes(uri));
      assert.ok(before.equals(after), 'the malformed file was modified on disk');
    });
  });
}
