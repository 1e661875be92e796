import * as vscode from 'vscode';
import type { NotebookKernelController } from '../notebook/NotebookKernelController';

/** "nnbook: Restart Kernel": throws away the active notebook's variables and tensors. */
export async function restartKernel(controllers: readonly NotebookKernelController[], uri?: vscode.Uri): Promise<void> {
  const notebook = uri
    ? vscode.workspace.notebookDocuments.find((nb) => nb.uri.toString() === uri.toString())
    : vscode.window.activeNotebookEditor?.notebook;
  if (!notebook || notebook.notebookType !== 'nnbook') {
    void vscode.window.showInformationMessage('nnbook: open an .nnbook notebook to restart its kernel.');
    return;
  }
  let restarted = false;
  for (const c of controllers) restarted = (await c.restart(notebook)) || restarted;
  void vscode.window.setStatusBarMessage(restarted ? 'nnbook: kernel restarted, all variables cleared' : 'nnbook: no kernel was running', 3000);
}
