import * as vscode from 'vscode';
import { openSamples } from './commands/openSamples';
import { newNotebook } from './commands/newNotebook';
import { restartKernel } from './commands/restartKernel';
import { NnbookSerializer } from './format/NnbookSerializer';
import { NodeKernel } from './kernel/NodeKernel';
import { NotebookKernelController } from './notebook/NotebookKernelController';

/** Wires the serializer, the kernel controller and the commands; nothing else. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('nnbook');
  const config = () => vscode.workspace.getConfiguration('nnbook.kernel');
  const nodeController = new NotebookKernelController({
    id: 'nnbook-node',
    label: 'nnbook: Node (CPU/WASM)',
    createKernel: () => new NodeKernel({
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'out', 'kernel-node.js').fsPath,
      backend: nodeBackend(config().get<string>('backend')),
      interruptGraceMs: config().get<number>('interruptGraceMs', 3000),
      log: (line) => log.append(line),
    }),
  });
  const controllers = [nodeController];
  context.subscriptions.push(
    log,
    vscode.workspace.registerNotebookSerializer('nnbook', new NnbookSerializer(), { transientOutputs: false }),
    nodeController,
    vscode.commands.registerCommand('nnbook.newNotebook', newNotebook),
    vscode.commands.registerCommand('nnbook.restartKernel', (uri?: vscode.Uri) => restartKernel(controllers, uri)),
    vscode.commands.registerCommand('nnbook.openSamples', () => openSamples(context.extensionUri)),
  );
}

export function deactivate(): void {}

/** The node kernel has no WebGL: 'webgl' there means the best it has. */
function nodeBackend(setting: string | undefined): 'auto' | 'wasm' | 'cpu' {
  return setting === 'wasm' || setting === 'cpu' ? setting : 'auto';
}
