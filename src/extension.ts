import * as vscode from 'vscode';
import { openSamples } from './commands/openSamples';
import { newNotebook } from './commands/newNotebook';
import { restartKernel } from './commands/restartKernel';
import { NnbookSerializer } from './format/NnbookSerializer';
import { NodeKernel } from './kernel/NodeKernel';
import { WebviewKernel } from './kernel/WebviewKernel';
import { NotebookKernelController } from './notebook/NotebookKernelController';

/** Wires the serializer, the kernel controller and the commands; nothing else. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('nnbook');
  const config = () => vscode.workspace.getConfiguration('nnbook.kernel');
  const nodeController = new NotebookKernelController({
    id: 'nnbook-node',
    label: 'nnbook: Node (CPU/WASM)',
    description: 'TensorFlow.js in a Node worker: WASM or CPU',
    createKernel: (notebook) => new NodeKernel({
      ...workspaceOf(notebook),
      workerPath: vscode.Uri.joinPath(context.extensionUri, 'out', 'kernel-node.js').fsPath,
      backend: nodeBackend(config().get<string>('backend')),
      interruptGraceMs: config().get<number>('interruptGraceMs', 3000),
      log: (line) => log.append(line),
    }),
  });
  const webviewController = new NotebookKernelController({
    id: 'nnbook-webview',
    label: 'nnbook: WebGL (webview)',
    description: 'TensorFlow.js in a webview worker: WebGL, WASM or CPU',
    preferred: true,
    createKernel: (notebook) => new WebviewKernel({
      ...workspaceOf(notebook),
      extensionUri: context.extensionUri,
      backend: () => webBackend(config().get<string>('backend')),
      interruptGraceMs: config().get<number>('interruptGraceMs', 3000),
      log: (line) => log.append(line),
    }),
  });
  const controllers = [webviewController, nodeController];
  context.subscriptions.push(
    log,
    vscode.workspace.registerNotebookSerializer('nnbook', new NnbookSerializer(), { transientOutputs: false }),
    webviewController,
    nodeController,
    vscode.commands.registerCommand('nnbook.newNotebook', newNotebook),
    vscode.commands.registerCommand('nnbook.restartKernel', (uri?: vscode.Uri) => restartKernel(controllers, uri)),
    vscode.commands.registerCommand('nnbook.openSamples', () => openSamples(context.extensionUri)),
  );
}

export function deactivate(): void {}

/**
 * The folder a notebook's cells may read and write (nn.files, nnbook:// models): the
 * workspace folder that contains it; an untitled notebook gets the first folder.
 */
function workspaceOf(notebook: vscode.NotebookDocument): { workspaceRoot?: string; noWorkspaceReason?: string } {
  const folder = notebook.uri.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0] : vscode.workspace.getWorkspaceFolder(notebook.uri);
  if (folder?.uri.scheme === 'file') return { workspaceRoot: folder.uri.fsPath };
  const name = notebook.uri.path.split('/').pop();
  return { noWorkspaceReason: folder
    ? `the workspace folder of ${name} is not on this machine's disk (${folder.uri.scheme}:), so cells read and write no files`
    : `${name} is in no open workspace folder; open its folder (File > Open Folder) to read and write files` };
}

/** The node kernel has no WebGL: 'webgl' there means the best it has. */
function nodeBackend(setting: string | undefined): 'auto' | 'wasm' | 'cpu' {
  return setting === 'wasm' || setting === 'cpu' ? setting : 'auto';
}

/** The webview kernel has every backend; an unknown value means auto. */
function webBackend(setting: string | undefined): 'auto' | 'webgl' | 'wasm' | 'cpu' {
  return setting === 'webgl' || setting === 'wasm' || setting === 'cpu' ? setting : 'auto';
}
