import * as vscode from 'vscode';

/** "nnbook: New Notebook": an untitled notebook with a first cell that runs as it is. */
export async function newNotebook(): Promise<void> {
  const cells = [
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# A new nnbook\n`tf` (TensorFlow.js) and `nn` are ready in every cell.', 'markdown'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, "const x = tf.tensor([[1, 2], [3, 4]]);\nx.matMul(x)", 'typescript'),
  ];
  const doc = await vscode.workspace.openNotebookDocument('nnbook', new vscode.NotebookData(cells));
  await vscode.window.showNotebookDocument(doc);
}
