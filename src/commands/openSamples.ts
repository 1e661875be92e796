import * as vscode from 'vscode';

/**
 * "nnbook: Open Samples": copies the shipped sample notebooks into a folder the user
 * picks (so they can be edited and saved) and opens the first one.
 */
export async function openSamples(extensionUri: vscode.Uri): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Copy nnbook samples here' });
  if (!picked || picked.length === 0) return;
  const source = vscode.Uri.joinPath(extensionUri, 'samples');
  const target = vscode.Uri.joinPath(picked[0], 'nnbook-samples');
  try {
    await vscode.workspace.fs.stat(target);
    const overwrite = await vscode.window.showWarningMessage(`${target.fsPath} exists. Replace the samples in it (your other files stay)?`, { modal: true }, 'Replace');
    if (overwrite !== 'Replace') return;
  } catch {
    // does not exist yet: nothing to ask
  }
  await vscode.workspace.fs.copy(source, target, { overwrite: true });
  const entries = await vscode.workspace.fs.readDirectory(target);
  const first = entries.map(([name]) => name).filter((n) => n.endsWith('.nnbook')).sort()[0];
  if (first) await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(target, first)));
}
