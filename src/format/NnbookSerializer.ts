import * as vscode from 'vscode';
import { fromNotebookData, toNotebookData } from './notebookData';
import { parseNotebook } from './parseNotebook';
import { serializeNotebook } from './serializeNotebook';

/**
 * The `.nnbook` serializer for VS Code. All conversion lives in the pure modules
 * (`parseNotebook`, `notebookData`); this class only builds the `vscode` objects.
 *
 * A malformed file makes `deserializeNotebook` throw the `NnbookFormatError`: VS Code then
 * shows its message and does not open the notebook, so a broken file is never overwritten.
 *
 * @example
 * context.subscriptions.push(
 *   vscode.workspace.registerNotebookSerializer('nnbook', new NnbookSerializer()),
 * );
 */
export class NnbookSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array, _token?: vscode.CancellationToken): vscode.NotebookData {
    const plain = toNotebookData(parseNotebook(content));
    const cells = plain.cells.map((c) => {
      const cell = new vscode.NotebookCellData(c.kind as vscode.NotebookCellKind, c.value, c.languageId);
      cell.outputs = (c.outputs ?? []).map(
        (o) => new vscode.NotebookCellOutput(o.items.map((i) => new vscode.NotebookCellOutputItem(i.data, i.mime)), o.metadata),
      );
      cell.metadata = c.metadata;
      if (c.executionSummary) cell.executionSummary = c.executionSummary;
      return cell;
    });
    const data = new vscode.NotebookData(cells);
    data.metadata = plain.metadata;
    return data;
  }

  serializeNotebook(data: vscode.NotebookData, _token?: vscode.CancellationToken): Uint8Array {
    return new TextEncoder().encode(serializeNotebook(fromNotebookData(data)));
  }
}
