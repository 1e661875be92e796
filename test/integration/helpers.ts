/**
 * Helpers for the extension-host tests. Every wait here is event-driven (notebook
 * document change events) with a deadline; nothing sleeps for a fixed time.
 */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'nnbook.nnbook';
export const NOTEBOOK_TYPE = 'nnbook';
export const CONTROLLER_ID = 'nnbook-node';

export const MIME_STDOUT = 'application/vnd.code.notebook.stdout';
export const MIME_STDERR = 'application/vnd.code.notebook.stderr';
export const MIME_ERROR = 'application/vnd.code.notebook.error';
export const MIME_TEXT = 'text/plain';

const decoder = new TextDecoder();

/** A console line the e2e launcher echoes (see index.ts). */
export function say(text: string): void {
  for (const line of text.split('\n')) console.log(`[nnbook-test] ${line}`);
}

/** The workspace folder the tests run in (a writable copy of fixtures/ws). */
export function wsRoot(): vscode.Uri {
  const folders = vscode.workspace.workspaceFolders;
  if (!folders || folders.length === 0) throw new Error('no workspace folder is open: the tests need fixtures/ws copied to a temp folder');
  return folders[0].uri;
}

export function wsFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(wsRoot(), name);
}

let fileCounter = 0;
/** A file name no earlier test has used in this run. */
export function freshName(stem: string): string {
  fileCounter++;
  return `tmp-${process.pid}-${Date.now().toString(36)}-${fileCounter}-${stem}.nnbook`;
}

export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return decoder.decode(await readBytes(uri));
}

export interface CellSpec {
  kind?: 'code' | 'markdown';
  language?: string;
  source: string;
}

/** Writes a `.nnbook` file (in the documented format) into the workspace. */
export async function writeNotebookFile(name: string, cells: CellSpec[]): Promise<vscode.Uri> {
  const file = {
    nnbook: 1,
    metadata: {},
    cells: cells.map((c) => ({
      kind: c.kind ?? 'code',
      language: c.language ?? (c.kind === 'markdown' ? 'markdown' : 'typescript'),
      source: c.source.split(/(?<=\n)/),
      outputs: [],
    })),
  };
  const uri = wsFile(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(file, null, 2) + '\n'));
  return uri;
}

/** Writes a fresh notebook file of code cells, opens it in an editor and selects the node kernel. */
export async function openFreshNotebook(stem: string, sources: string[]): Promise<vscode.NotebookDocument> {
  const uri = await writeNotebookFile(freshName(stem), sources.map((source) => ({ source })));
  const nb = await vscode.workspace.openNotebookDocument(uri);
  await vscode.window.showNotebookDocument(nb);
  await selectNodeKernel(nb);
  return nb;
}

export async function selectNodeKernel(nb: vscode.NotebookDocument): Promise<void> {
  const editor = vscode.window.activeNotebookEditor;
  if (!editor || editor.notebook !== nb) await vscode.window.showNotebookDocument(nb);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER_ID, extension: EXTENSION_ID });
}

/** Reverts and closes editors until no notebook editor is left (never a save prompt). */
export async function closeAllNotebookEditors(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.visibleNotebookEditors.length > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

/** Reverts (so no save prompt can block) and closes the active editor. */
export async function closeActiveEditor(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}

export function decodeItem(item: vscode.NotebookCellOutputItem): string {
  return decoder.decode(item.data);
}

export function items(cell: vscode.NotebookCell, mime?: string): vscode.NotebookCellOutputItem[] {
  const all = cell.outputs.flatMap((o) => o.items);
  return mime ? all.filter((i) => i.mime === mime) : all;
}

/** All output text of a cell, every item decoded, in order. */
export function allText(cell: vscode.NotebookCell, mime?: string): string {
  return items(cell, mime).map(decodeItem).join('');
}

export interface ErrorJson {
  name?: string;
  message?: string;
  stack?: string;
}

export function errorOf(cell: vscode.NotebookCell): ErrorJson | undefined {
  const item = items(cell, MIME_ERROR)[0];
  return item ? (JSON.parse(decodeItem(item)) as ErrorJson) : undefined;
}

/** A one-screen picture of the notebook's state, for failure messages. */
export function describe(nb: vscode.NotebookDocument): string {
  return nb
    .getCells()
    .map((c) => {
      const s = c.executionSummary;
      const outs = c.outputs
        .map((o) => o.items.map((i) => `${i.mime}=${JSON.stringify(decodeItem(i).slice(0, 160))}`).join(' | '))
        .join(' ; ');
      return `  [${c.index}] order=${s?.executionOrder} success=${s?.success} outputs: ${outs || '(none)'}`;
    })
    .join('\n');
}

/**
 * Resolves once `pred()` holds, re-checking on every change event of `nb`; rejects after
 * `timeoutMs` (with the notebook's state) or as soon as `failFast` rejects.
 */
export function waitFor(
  nb: vscode.NotebookDocument,
  pred: () => boolean,
  what: string,
  timeoutMs = 60_000,
  failFast?: Promise<unknown>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      sub.dispose();
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const check = () => {
      try {
        if (pred()) finish();
      } catch (e) {
        finish(e as Error);
      }
    };
    const sub = vscode.workspace.onDidChangeNotebookDocument((e) => {
      if (e.notebook === nb) check();
    });
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe(nb)}`)),
      timeoutMs,
    );
    failFast?.then(
      () => undefined,
      (e) => finish(new Error(`while waiting for ${what}: ${e?.message ?? e}`)),
    );
    check();
  });
}

function finished(s: vscode.NotebookCellExecutionSummary | undefined): boolean {
  return s?.success === true || s?.success === false;
}

/**
 * Tracks an execution request: `done` resolves when every target cell has finished a run
 * that started after `track()` was called (a new execution first resets the cell's summary,
 * or gives it a new order/start time).
 */
export function trackExecution(nb: vscode.NotebookDocument, indexes: number[]) {
  const before = new Map(indexes.map((i) => [i, nb.cellAt(i).executionSummary]));
  const reset = new Set<number>();
  const sub = vscode.workspace.onDidChangeNotebookDocument((e) => {
    if (e.notebook !== nb) return;
    for (const i of indexes) if (!finished(nb.cellAt(i).executionSummary)) reset.add(i);
  });
  const isNew = (i: number) => {
    const b = before.get(i);
    const s = nb.cellAt(i).executionSummary;
    if (!finished(s)) return false;
    if (reset.has(i) || !finished(b)) return true;
    return s!.executionOrder !== b!.executionOrder || s!.timing?.startTime !== b!.timing?.startTime;
  };
  return {
    allDone: () => indexes.every(isNew),
    isDone: (i: number) => isNew(i),
    dispose: () => sub.dispose(),
  };
}

function codeCellIndexes(nb: vscode.NotebookDocument): number[] {
  return nb.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code).map((c) => c.index);
}

/** Starts executing cells (all code cells when `indexes` is omitted) without waiting. */
export function startExecution(nb: vscode.NotebookDocument, indexes?: number[]): Thenable<unknown> {
  if (!indexes) return vscode.commands.executeCommand('notebook.execute', nb.uri);
  return vscode.commands.executeCommand('notebook.cell.execute', {
    ranges: indexes.map((i) => ({ start: i, end: i + 1 })),
    document: nb.uri,
  });
}

/** Executes cells and waits (on change events) until each has finished, in order of `indexes`. */
export async function execute(nb: vscode.NotebookDocument, indexes?: number[], timeoutMs = 90_000): Promise<void> {
  const targets = indexes ?? codeCellIndexes(nb);
  const tracker = trackExecution(nb, targets);
  try {
    const cmd = Promise.resolve(startExecution(nb, indexes));
    await waitFor(nb, tracker.allDone, `cells ${JSON.stringify(targets)} to finish`, timeoutMs, cmd);
  } finally {
    tracker.dispose();
  }
}

/** Waits until `cell` has an output whose decoded text (any item of `mime`) matches `re`. */
export function waitForOutput(
  cell: vscode.NotebookCell,
  re: RegExp,
  what: string,
  timeoutMs = 60_000,
  mime?: string,
  failFast?: Promise<unknown>,
): Promise<void> {
  return waitFor(cell.notebook, () => re.test(allText(cell, mime)), what, timeoutMs, failFast);
}
